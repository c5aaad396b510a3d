package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
)

// pdfLine is one line of text on a generated PDF page.
type pdfLine struct {
	Text string
	Bold bool
	Size float64 // points; 0 means 11
}

// onePagePDF writes a one-page A4 PDF 1.4 file with the lines set in Helvetica from the top left,
// one below the other. An empty line leaves a gap. Text outside Latin-1 is replaced with '?'.
func onePagePDF(lines []pdfLine) []byte {
	var content strings.Builder
	y := 790.0
	for _, l := range lines {
		size := l.Size
		if size == 0 {
			size = 11
		}
		font := "F1"
		if l.Bold {
			font = "F2"
		}
		if l.Text != "" {
			fmt.Fprintf(&content, "BT /%s %.1f Tf 1 0 0 1 60 %.1f Tm (%s) Tj ET\n", font, size, y, pdfString(l.Text))
		}
		y -= size * 1.45
	}

	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " +
			"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}

	var b bytes.Buffer
	// The second line holds bytes above 127, so tools that guess file types treat the file as binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := b.Len()
	// Each cross-reference entry is exactly 20 bytes, the end of line included.
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString escapes text for a PDF literal string in WinAnsiEncoding, which matches Latin-1 for
// the letters Indonesian names use.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 32 && r < 127:
			b.WriteRune(r)
		case r >= 160 && r <= 255:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// portrait is the look of a generated passport-style photo.
type portrait struct {
	Background color.RGBA // red or blue, as Indonesian pas foto use
	Skin       color.RGBA
	Hair       color.RGBA // also the headscarf's colour when Headscarf is set
	Clothes    color.RGBA
	Headscarf  bool
}

// drawPortrait draws a 360×480 head-and-shoulders figure: plain shapes, no real face.
func drawPortrait(p portrait) *image.RGBA {
	const w, h = 360, 480
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := p.Background
			dx, dy := float64(x-w/2), float64(y-200)
			head := dx*dx/(70*70)+dy*dy/(90*90) <= 1
			hair := dx*dx/(80*80)+(dy+25)*(dy+25)/(95*95) <= 1 && dy < -30
			scarf := p.Headscarf && dx*dx/(100*100)+(dy+5)*(dy+5)/(120*120) <= 1
			sx, sy := float64(x-w/2), float64(y-480)
			shoulders := sx*sx/(170*170)+sy*sy/(170*170) <= 1
			switch {
			case scarf && !head:
				c = p.Hair
			case head && (hair && !p.Headscarf):
				c = p.Hair
			case head:
				c = p.Skin
			case shoulders:
				c = p.Clothes
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// drawKTPScan draws an 856×540 identity-card-like scan: a pale blue card with bars where the
// printed fields would be and a photo box on the right.
func drawKTPScan(accent color.RGBA) *image.RGBA {
	const w, h = 856, 540
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, img.Bounds(), color.RGBA{236, 236, 232, 255})
	card := image.Rect(28, 28, w-28, h-28)
	for y := card.Min.Y; y < card.Max.Y; y++ {
		shade := uint8(200 + 40*(y-card.Min.Y)/card.Dy())
		fill(img, image.Rect(card.Min.X, y, card.Max.X, y+1), color.RGBA{shade - 40, shade - 10, 250, 255})
	}
	fill(img, image.Rect(card.Min.X+200, card.Min.Y+20, card.Max.X-200, card.Min.Y+38), color.RGBA{40, 40, 60, 255})
	for i := range 11 {
		y := card.Min.Y + 80 + i*34
		fill(img, image.Rect(card.Min.X+30, y, card.Min.X+150, y+10), color.RGBA{60, 60, 80, 255})
		fill(img, image.Rect(card.Min.X+170, y, card.Min.X+300+(i*37)%220, y+10), color.RGBA{20, 20, 30, 255})
	}
	fill(img, image.Rect(card.Max.X-200, card.Min.Y+90, card.Max.X-40, card.Min.Y+300), accent)
	return img
}

// drawKKScan draws a 1123×794 family-card-like scan: a header and a ruled table with bars for the
// family members' rows.
func drawKKScan() *image.RGBA {
	const w, h = 1123, 794
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, img.Bounds(), color.RGBA{250, 250, 246, 255})
	ink := color.RGBA{50, 50, 70, 255}
	fill(img, image.Rect(380, 40, 743, 62), ink)
	fill(img, image.Rect(440, 76, 683, 90), ink)
	for i := range 8 {
		y := 200 + i*40
		fill(img, image.Rect(40, y, w-40, y+2), ink)
		if i > 0 && i < 5 {
			for col := range 6 {
				x := 60 + col*175
				fill(img, image.Rect(x, y+14, x+90+(i*col*13)%60, y+24), color.RGBA{30, 30, 40, 255})
			}
		}
	}
	for col := range 7 {
		x := 40 + col*(w-80)/6
		fill(img, image.Rect(x, 200, x+2, 482), ink)
	}
	fill(img, image.Rect(820, 600, 1040, 700), color.RGBA{120, 150, 210, 255})
	return img
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

func encodeJPEG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("encode JPEG: %w", err)
	}
	return b.Bytes(), nil
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	return b.Bytes(), nil
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }
