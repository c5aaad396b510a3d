package upload

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

const (
	// MaxImagePixels is the largest photo accepted, in pixels. Decoding one takes 1.5 to 4 bytes
	// per pixel depending on its colour model, so this bounds a decode to about 200 MB.
	MaxImagePixels = 50_000_000
	// MaxImageSide is the longest side, in pixels, of a stored photo; larger ones are scaled down.
	MaxImageSide = 2000
	jpegQuality  = 85
)

// decodeSlots bounds how many images are decoded at once, so a burst of large photos cannot take
// more than two decodes' worth of memory. Uploads beyond that wait for a slot.
var decodeSlots = make(chan struct{}, 2)

// ErrImageUnreadable is returned for a JPEG or PNG that cannot be decoded, such as a cut-off file.
var ErrImageUnreadable = errors.New("foto tidak dapat dibaca; berkas mungkin rusak atau terpotong. Simpan ulang sebagai JPG atau PNG lalu unggah lagi")

// TooManyPixelsError is returned for an image over MaxImagePixels.
type TooManyPixelsError struct {
	Width, Height int
}

func (e *TooManyPixelsError) Error() string {
	megapixels := strings.Replace(fmt.Sprintf("%.1f", float64(e.Width)*float64(e.Height)/1e6), ".", ",", 1)
	return fmt.Sprintf("foto berukuran %d × %d piksel (%s megapiksel) melebihi batas %d megapiksel; perkecil fotonya lalu unggah lagi",
		e.Width, e.Height, megapixels, MaxImagePixels/1_000_000)
}

// normaliseImage turns a photo upright from its EXIF orientation, scales it down so its longest
// side is at most MaxImageSide, and re-encodes it (JPEG at quality 85, PNG as PNG). Re-encoding
// writes pixels only, so every piece of metadata, location included, is dropped. The file is
// rewritten in place and its Size updated.
func normaliseImage(file *File) error {
	src, err := os.Open(file.Path)
	if err != nil {
		return fmt.Errorf("open spooled image: %w", err)
	}
	defer src.Close()

	// The header gives the dimensions without decoding, so a huge image is rejected cheaply.
	config, format, err := image.DecodeConfig(bufio.NewReader(src))
	if err != nil || !formatMatches(format, file.ContentType) {
		return ErrImageUnreadable
	}
	if int64(config.Width)*int64(config.Height) > MaxImagePixels {
		return &TooManyPixelsError{Width: config.Width, Height: config.Height}
	}
	orientation, err := readOrientation(src, file.ContentType)
	if err != nil {
		return err
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind spooled image: %w", err)
	}

	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	img, _, err := image.Decode(bufio.NewReader(src))
	if err != nil {
		return ErrImageUnreadable
	}
	// Scaling first means the rotation works on the small image.
	img = scaleToFit(img, MaxImageSide)
	img = orient(img, orientation)
	return rewriteImage(file, img)
}

func formatMatches(format, contentType string) bool {
	return (format == "jpeg" && contentType == TypeJPEG) || (format == "png" && contentType == TypePNG)
}

// readOrientation reads the EXIF orientation from the start of src.
func readOrientation(src io.ReadSeeker, contentType string) (int, error) {
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("rewind spooled image: %w", err)
	}
	if contentType == TypeJPEG {
		return jpegOrientation(src), nil
	}
	return pngOrientation(src), nil
}

// rewriteImage encodes img in the file's format to a new temporary file beside it, then renames
// that over the original, so a failed encode leaves the upload as it was.
func rewriteImage(file *File, img image.Image) error {
	out, err := os.CreateTemp(filepath.Dir(file.Path), "sinop-image-*")
	if err != nil {
		return fmt.Errorf("create temporary image: %w", err)
	}
	buffered := bufio.NewWriter(out)
	if file.ContentType == TypeJPEG {
		err = jpeg.Encode(buffered, img, &jpeg.Options{Quality: jpegQuality})
	} else {
		err = png.Encode(buffered, img)
	}
	if err == nil {
		err = buffered.Flush()
	}
	var info os.FileInfo
	if err == nil {
		info, err = out.Stat()
	}
	if closeErr := out.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(out.Name(), file.Path)
	}
	if err != nil {
		_ = os.Remove(out.Name())
		return fmt.Errorf("re-encode image: %w", err)
	}
	file.Size = info.Size()
	return nil
}

// scaleToFit returns img scaled down so its longest side is maxSide, keeping the aspect ratio,
// or img itself when it already fits.
func scaleToFit(img image.Image, maxSide int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	longest := max(w, h)
	if longest <= maxSide {
		return img
	}
	dw := max(1, (w*maxSide+longest/2)/longest)
	dh := max(1, (h*maxSide+longest/2)/longest)
	return scaleDown(img, dw, dh)
}

// scaleDown resamples src to dw × dh pixels (neither larger than src's) by area averaging: each
// output pixel is the mean of the source pixels it covers, weighted by how much of each it
// covers. That avoids the aliasing of point sampling. Source rows are converted to RGBA a strip
// at a time, so besides src and the result it needs memory for three rows only.
//
// golang.org/x/image/draw's kernel scalers would need a float64 buffer of dw × source height ×
// 32 bytes (384 MB for 8000 × 6000 down to 2000 wide), which is why they are not used.
func scaleDown(src image.Image, dw, dh int) *image.RGBA {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))

	// On a common axis a source pixel is dw units wide and an output pixel sw units, so the
	// overlaps are whole numbers and one output pixel's weights add up to sw (sh vertically).
	strip := image.NewRGBA(image.Rect(0, 0, min(sw, 4096), 1))
	rowSum := make([]uint64, 4*dw)
	current := make([]uint64, 4*dw)
	next := make([]uint64, 4*dw)
	total := uint64(sw) * uint64(sh)
	y := 0
	for j := range sh {
		clear(rowSum)
		for x0 := 0; x0 < sw; x0 += strip.Rect.Dx() {
			width := min(strip.Rect.Dx(), sw-x0)
			draw.Draw(strip, image.Rect(0, 0, width, 1), src, image.Pt(sb.Min.X+x0, sb.Min.Y+j), draw.Src)
			addCoverage(rowSum, strip.Pix[:4*width], x0, sw, dw)
		}

		lo, hi := j*dh, (j+1)*dh
		end := (y + 1) * sh
		if hi <= end {
			addWeighted(current, rowSum, uint64(dh))
		} else {
			addWeighted(current, rowSum, uint64(end-lo))
			addWeighted(next, rowSum, uint64(hi-end))
		}
		if hi >= end {
			out := dst.Pix[y*dst.Stride : y*dst.Stride+4*dw]
			for i, v := range current {
				out[i] = uint8((v + total/2) / total)
			}
			current, next = next, current
			clear(next)
			y++
		}
	}
	return dst
}

// addCoverage adds the RGBA pixels of one strip of a source row, which starts at source column
// x0, into the output row sums, each weighted by its overlap with the output pixel. A source
// pixel overlaps at most two output pixels because the scale is a reduction.
func addCoverage(sums []uint64, pix []uint8, x0, sw, dw int) {
	for i := 0; i < len(pix); i += 4 {
		lo := (x0 + i/4) * dw
		hi := lo + dw
		x := lo / sw
		end := (x + 1) * sw
		first := uint64(min(hi, end) - lo)
		s := sums[4*x : 4*x+4]
		s[0] += uint64(pix[i]) * first
		s[1] += uint64(pix[i+1]) * first
		s[2] += uint64(pix[i+2]) * first
		s[3] += uint64(pix[i+3]) * first
		if hi > end {
			rest := uint64(hi - end)
			s = sums[4*x+4 : 4*x+8]
			s[0] += uint64(pix[i]) * rest
			s[1] += uint64(pix[i+1]) * rest
			s[2] += uint64(pix[i+2]) * rest
			s[3] += uint64(pix[i+3]) * rest
		}
	}
}

func addWeighted(acc, row []uint64, weight uint64) {
	for i, v := range row {
		acc[i] += v * weight
	}
}

// orient applies an EXIF orientation so the result is upright.
func orient(img image.Image, orientation int) image.Image {
	if orientation == orientUpright {
		return img
	}
	src := toRGBA(img)
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := sw, sh
	if orientation >= orientTranspose {
		dw, dh = sh, sw
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := range dh {
		for dx := range dw {
			sx, sy := sourcePoint(orientation, dx, dy, sw, sh)
			copy(dst.Pix[dst.PixOffset(dx, dy):dst.PixOffset(dx, dy)+4], src.Pix[src.PixOffset(sx, sy):src.PixOffset(sx, sy)+4])
		}
	}
	return dst
}

// sourcePoint returns the stored pixel shown at (dx, dy) of the upright image.
func sourcePoint(orientation, dx, dy, sw, sh int) (int, int) {
	switch orientation {
	case orientMirror:
		return sw - 1 - dx, dy
	case orientRotate180:
		return sw - 1 - dx, sh - 1 - dy
	case orientFlip:
		return dx, sh - 1 - dy
	case orientTranspose:
		return dy, dx
	case orientRotate90CW:
		return dy, sh - 1 - dx
	case orientTransverse:
		return sw - 1 - dy, sh - 1 - dx
	case orientRotate90CCW:
		return sw - 1 - dy, dx
	}
	return dx, dy
}

// toRGBA returns img as *image.RGBA with its origin at (0, 0), converting when needed.
func toRGBA(img image.Image) *image.RGBA {
	if rgba, ok := img.(*image.RGBA); ok && rgba.Rect.Min == (image.Point{}) {
		return rgba
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Src)
	return rgba
}
