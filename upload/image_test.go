package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"sinop/testenv"
)

// spool copies a sample file from testdata to a temporary upload, as Receive would leave it.
func spool(t testing.TB, name, contentType string) *File {
	t.Helper()
	content, err := os.ReadFile(testenv.TestFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return spoolBytes(t, content, contentType)
}

func spoolBytes(t testing.TB, content []byte, contentType string) *File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "upload")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return &File{Path: path, Size: int64(len(content)), ContentType: contentType}
}

func decodeFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 200 && g>>8 < 60 && b>>8 < 60
}

func TestNormaliseTurnsPhotoUpright(t *testing.T) {
	file := spool(t, "foto-exif-orientasi-6.jpg", TypeJPEG)
	if err := normaliseImage(file); err != nil {
		t.Fatalf("normaliseImage: %v", err)
	}

	img := decodeFile(t, file.Path)
	if got := img.Bounds().Size(); got != image.Pt(600, 800) {
		t.Fatalf("size %v, want 600×800 (upright)", got)
	}
	for _, x := range []int{5, 300, 594} {
		if c := img.At(x, 3); !isRed(c) {
			t.Errorf("pixel (%d, 3) is %v, want red: the red band belongs along the top", x, c)
		}
	}
	if c := img.At(300, 790); isRed(c) {
		t.Errorf("pixel (300, 790) is red, want the band only at the top")
	}
	if got := jpegOrientationOf(t, file.Path); got != orientUpright {
		t.Errorf("stored photo still carries orientation %d", got)
	}
}

func jpegOrientationOf(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return jpegOrientation(f)
}

func TestNormaliseScalesLargePhoto(t *testing.T) {
	file := spool(t, "foto-besar-8000x6000.jpg", TypeJPEG)
	if err := normaliseImage(file); err != nil {
		t.Fatalf("normaliseImage: %v", err)
	}
	if got := decodeFile(t, file.Path).Bounds().Size(); got != image.Pt(2000, 1500) {
		t.Errorf("size %v, want 2000×1500", got)
	}
}

// TestNormaliseLargePhotoMemory checks that the 48-megapixel photo is normalised within the memory
// its decode needs (8000 × 6000 at 4:2:0, 72 MB) plus a small margin. A kernel scaler with a
// float64 buffer of 2000 × 6000 × 32 bytes would allocate 384 MB more.
func TestNormaliseLargePhotoMemory(t *testing.T) {
	file := spool(t, "foto-besar-8000x6000.jpg", TypeJPEG)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := normaliseImage(file); err != nil {
		t.Fatalf("normaliseImage: %v", err)
	}
	runtime.ReadMemStats(&after)

	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("normalising the 48-megapixel photo allocated %d MB", allocated>>20)
	if allocated > 120<<20 {
		t.Errorf("allocated %d MB, want at most 120 MB", allocated>>20)
	}
}

func TestNormaliseStripsMetadata(t *testing.T) {
	for _, name := range []string{"foto-exif-orientasi-6.jpg", "foto-diri.jpg", "ktp-scan.jpg"} {
		t.Run(name, func(t *testing.T) {
			file := spool(t, name, TypeJPEG)
			if err := normaliseImage(file); err != nil {
				t.Fatalf("normaliseImage: %v", err)
			}
			content, err := os.ReadFile(file.Path)
			if err != nil {
				t.Fatal(err)
			}
			if markers := appMarkers(t, content); len(markers) > 0 {
				t.Errorf("stored JPEG keeps application segments %x (EXIF, XMP and the like)", markers)
			}
			if int64(len(content)) != file.Size {
				t.Errorf("Size %d, file has %d bytes", file.Size, len(content))
			}
		})
	}
}

// appMarkers lists the APPn markers (0xE0–0xEF, where EXIF, XMP and ICC live) before the first scan.
func appMarkers(t *testing.T, content []byte) []byte {
	t.Helper()
	var found []byte
	for i := 2; i+4 <= len(content); {
		if content[i] != 0xFF {
			t.Fatalf("no marker at offset %d", i)
		}
		marker := content[i+1]
		if marker == jpegMarkerSOS {
			break
		}
		if marker >= 0xE0 && marker <= 0xEF {
			found = append(found, marker)
		}
		i += 2 + int(binary.BigEndian.Uint16(content[i+2:i+4]))
	}
	return found
}

func TestNormalisePNGStaysPNG(t *testing.T) {
	file := spool(t, "foto-pasangan.png", TypePNG)
	if err := normaliseImage(file); err != nil {
		t.Fatalf("normaliseImage: %v", err)
	}
	content, err := os.ReadFile(file.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(content, []byte(pngSignature)) {
		t.Errorf("stored file does not start with the PNG signature")
	}
}

// pngHeaderOnly returns a PNG that contains only an IHDR chunk for the given size: enough for
// image.DecodeConfig, which is all a rejection by size needs.
func pngHeaderOnly(width, height uint32) []byte {
	var b bytes.Buffer
	b.WriteString(pngSignature)
	chunk := func(kind string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:4], width)
	binary.BigEndian.PutUint32(ihdr[4:8], height)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestNormaliseRejectsTooManyPixels(t *testing.T) {
	file := spoolBytes(t, pngHeaderOnly(9000, 6000), TypePNG)
	err := normaliseImage(file)

	var tooMany *TooManyPixelsError
	if !errors.As(err, &tooMany) {
		t.Fatalf("error %v, want *TooManyPixelsError", err)
	}
	for _, want := range []string{"9000 × 6000", "54,0 megapiksel", "batas 50 megapiksel"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	if !IsRejected(err) {
		t.Errorf("IsRejected = false for too many pixels")
	}
}

func TestNormaliseRejectsCutOffJPEG(t *testing.T) {
	content, err := os.ReadFile(testenv.TestFile(t, "foto-diri.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	file := spoolBytes(t, content[:len(content)/2], TypeJPEG)
	if err := normaliseImage(file); !errors.Is(err, ErrImageUnreadable) {
		t.Errorf("error %v, want ErrImageUnreadable", err)
	}
}

func TestNormaliseRejectsTypeMismatch(t *testing.T) {
	file := spool(t, "foto-pasangan.png", TypeJPEG)
	if err := normaliseImage(file); !errors.Is(err, ErrImageUnreadable) {
		t.Errorf("error %v, want ErrImageUnreadable", err)
	}
}

// TestDecodeSlotsBoundConcurrency fills both decode slots, then checks that a third photo waits
// until one is released.
func TestDecodeSlotsBoundConcurrency(t *testing.T) {
	for range cap(decodeSlots) {
		decodeSlots <- struct{}{}
	}
	released := 0
	defer func() {
		for ; released < cap(decodeSlots); released++ {
			<-decodeSlots
		}
	}()

	file := spool(t, "foto-diri.jpg", TypeJPEG)
	done := make(chan error, 1)
	go func() { done <- normaliseImage(file) }()

	select {
	case err := <-done:
		t.Fatalf("normaliseImage finished (err %v) while every decode slot was taken", err)
	case <-time.After(300 * time.Millisecond):
	}
	<-decodeSlots
	released++
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("normaliseImage: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("normaliseImage still waiting after a slot was released")
	}
}

// BenchmarkNormaliseLargePhoto reports time and allocation for the 48-megapixel photo. Run it
// with: go test -run '^$' -bench NormaliseLargePhoto -benchmem ./upload/
func BenchmarkNormaliseLargePhoto(b *testing.B) {
	content, err := os.ReadFile(testenv.TestFile(b, "foto-besar-8000x6000.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		file := spoolBytes(b, content, TypeJPEG)
		runtime.GC()
		b.StartTimer()
		if err := normaliseImage(file); err != nil {
			b.Fatal(err)
		}
		var stats runtime.MemStats
		runtime.ReadMemStats(&stats)
		peak = max(peak, stats.HeapSys)
	}
	b.ReportMetric(float64(peak)/(1<<20), "heap-sys-MB")
}

func TestTIFFOrientation(t *testing.T) {
	cases := []struct {
		name string
		tiff []byte
		want int
	}{
		{"little endian 6", tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 6), 6},
		{"big endian 6", tiffWithOrientation(binary.BigEndian, tiffTypeShort, 6), 6},
		{"long value", tiffWithOrientation(binary.BigEndian, tiffTypeLong, 8), 8},
		{"out of range", tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 9), orientUpright},
		{"zero", tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 0), orientUpright},
		{"wrong type", tiffWithOrientation(binary.LittleEndian, 2, 6), orientUpright},
		{"no tag", tiffWithTags(binary.LittleEndian, [][3]uint32{{0x010F, tiffTypeShort, 1}}), orientUpright},
		{"tag after others", tiffWithTags(binary.BigEndian, [][3]uint32{{0x010F, tiffTypeShort, 1}, {tagOrientation, tiffTypeShort, 3}}), 3},
		{"bad byte order", append([]byte("XX"), tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 6)[2:]...), orientUpright},
		{"bad magic", func() []byte {
			b := tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 6)
			b[2] = 43
			return b
		}(), orientUpright},
		{"IFD offset past end", func() []byte {
			b := tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 6)
			binary.LittleEndian.PutUint32(b[4:8], 0xFFFFFFF0)
			return b
		}(), orientUpright},
		{"cut off entry", tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 6)[:14], orientUpright},
		{"empty", nil, orientUpright},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tiffOrientation(tc.tiff); got != tc.want {
				t.Errorf("orientation %d, want %d", got, tc.want)
			}
		})
	}
}

// TestTIFFOrientationAllValues reads each valid orientation in both byte orders.
func TestTIFFOrientationAllValues(t *testing.T) {
	for _, order := range []byteOrder{binary.LittleEndian, binary.BigEndian} {
		for want := 1; want <= 8; want++ {
			if got := tiffOrientation(tiffWithOrientation(order, tiffTypeShort, uint32(want))); got != want {
				t.Errorf("%v: orientation %d, want %d", order, got, want)
			}
		}
	}
}

// byteOrder is what binary.LittleEndian and binary.BigEndian both provide.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func tiffWithOrientation(order byteOrder, kind uint16, value uint32) []byte {
	return tiffWithTags(order, [][3]uint32{{tagOrientation, uint32(kind), value}})
}

// tiffWithTags builds a TIFF header and an IFD0 whose entries are {tag, type, value}, each with
// count 1 and its value stored in the entry.
func tiffWithTags(order byteOrder, tags [][3]uint32) []byte {
	b := make([]byte, 8, 8+2+12*len(tags)+4)
	if order.String() == binary.LittleEndian.String() {
		copy(b, "II")
	} else {
		copy(b, "MM")
	}
	order.PutUint16(b[2:4], 42)
	order.PutUint32(b[4:8], 8)
	b = order.AppendUint16(b, uint16(len(tags)))
	for _, tag := range tags {
		entry := make([]byte, 12)
		order.PutUint16(entry[0:2], uint16(tag[0]))
		order.PutUint16(entry[2:4], uint16(tag[1]))
		order.PutUint32(entry[4:8], 1)
		if uint16(tag[1]) == tiffTypeLong {
			order.PutUint32(entry[8:12], tag[2])
		} else {
			order.PutUint16(entry[8:10], uint16(tag[2]))
		}
		b = append(b, entry...)
	}
	return order.AppendUint32(b, 0) // no next IFD
}

// jpegSegment returns a JPEG marker segment with its length field.
func jpegSegment(marker byte, payload []byte) []byte {
	b := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:4], uint16(len(payload)+2))
	return append(b, payload...)
}

func TestJPEGOrientation(t *testing.T) {
	exif := append([]byte(exifSegmentPrefix), tiffWithOrientation(binary.BigEndian, tiffTypeShort, 8)...)
	xmp := []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>")
	jfif := []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	soi := []byte{0xFF, 0xD8}
	sos := []byte{0xFF, jpegMarkerSOS}

	cases := []struct {
		name string
		jpeg []byte
		want int
	}{
		{"exif first", join(soi, jpegSegment(jpegMarkerAPP1, exif), sos), 8},
		{"after JFIF and XMP", join(soi, jpegSegment(0xE0, jfif), jpegSegment(jpegMarkerAPP1, xmp), jpegSegment(jpegMarkerAPP1, exif), sos), 8},
		{"fill bytes before marker", join(soi, []byte{0xFF, 0xFF}, jpegSegment(jpegMarkerAPP1, exif), sos), 8},
		{"exif after scan ignored", join(soi, sos, jpegSegment(jpegMarkerAPP1, exif)), orientUpright},
		{"no exif", join(soi, jpegSegment(0xE0, jfif), sos), orientUpright},
		{"cut off segment", join(soi, jpegSegment(jpegMarkerAPP1, exif))[:20], orientUpright},
		{"not a JPEG", []byte("%PDF-1.7"), orientUpright},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := jpegOrientation(bytes.NewReader(tc.jpeg)); got != tc.want {
				t.Errorf("orientation %d, want %d", got, tc.want)
			}
		})
	}
}

func TestJPEGOrientationOfSharedPhotos(t *testing.T) {
	cases := map[string]int{"foto-exif-orientasi-6.jpg": 6, "foto-diri.jpg": orientUpright}
	for name, want := range cases {
		if got := jpegOrientationOf(t, testenv.TestFile(t, name)); got != want {
			t.Errorf("%s: orientation %d, want %d", name, got, want)
		}
	}
}

func TestPNGOrientation(t *testing.T) {
	header := pngHeaderOnly(4, 3)
	iend := header[len(header)-12:]
	beforeIEND := header[:len(header)-12]
	exifChunk := func(data []byte) []byte {
		var b bytes.Buffer
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString("eXIf")
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("eXIf"), data...)))
		return b.Bytes()
	}
	tiff := tiffWithOrientation(binary.LittleEndian, tiffTypeShort, 3)
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	cases := []struct {
		name string
		png  []byte
		want int
	}{
		{"eXIf chunk", join(beforeIEND, exifChunk(tiff), iend), 3},
		{"eXIf with JPEG prefix", join(beforeIEND, exifChunk(append([]byte(exifSegmentPrefix), tiff...)), iend), 3},
		{"no eXIf", header, orientUpright},
		{"eXIf after IEND ignored", join(header, exifChunk(tiff)), orientUpright},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := pngOrientation(bytes.NewReader(tc.png)); got != tc.want {
				t.Errorf("orientation %d, want %d", got, tc.want)
			}
		})
	}
}

func TestOrientAllValues(t *testing.T) {
	// The stored picture, 3 × 2:  a b c
	//                             d e f
	a, b, c := color.RGBA{1, 0, 0, 255}, color.RGBA{2, 0, 0, 255}, color.RGBA{3, 0, 0, 255}
	d, e, f := color.RGBA{4, 0, 0, 255}, color.RGBA{5, 0, 0, 255}, color.RGBA{6, 0, 0, 255}
	stored := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, px := range []color.RGBA{a, b, c, d, e, f} {
		stored.SetRGBA(i%3, i/3, px)
	}
	cases := []struct {
		orientation int
		want        [][]color.RGBA
	}{
		{orientUpright, [][]color.RGBA{{a, b, c}, {d, e, f}}},
		{orientMirror, [][]color.RGBA{{c, b, a}, {f, e, d}}},
		{orientRotate180, [][]color.RGBA{{f, e, d}, {c, b, a}}},
		{orientFlip, [][]color.RGBA{{d, e, f}, {a, b, c}}},
		{orientTranspose, [][]color.RGBA{{a, d}, {b, e}, {c, f}}},
		{orientRotate90CW, [][]color.RGBA{{d, a}, {e, b}, {f, c}}},
		{orientTransverse, [][]color.RGBA{{f, c}, {e, b}, {d, a}}},
		{orientRotate90CCW, [][]color.RGBA{{c, f}, {b, e}, {a, d}}},
	}
	for _, tc := range cases {
		got := orient(stored, tc.orientation)
		size := got.Bounds().Size()
		if size != image.Pt(len(tc.want[0]), len(tc.want)) {
			t.Errorf("orientation %d: size %v, want %d×%d", tc.orientation, size, len(tc.want[0]), len(tc.want))
			continue
		}
		for y, row := range tc.want {
			for x, want := range row {
				if px := color.RGBAModel.Convert(got.At(x, y)); px != want {
					t.Errorf("orientation %d: pixel (%d, %d) is %v, want %v", tc.orientation, x, y, px, want)
				}
			}
		}
	}
}

func TestScaleDownWeighsPartialPixels(t *testing.T) {
	// Three grey pixels 0, 90, 180 into two: the first output pixel covers source pixel 0 and
	// half of pixel 1, so it is (0 + 45) / 1.5 = 30; the second (45 + 180) / 1.5 = 150.
	src := image.NewGray(image.Rect(0, 0, 3, 1))
	src.Pix = []uint8{0, 90, 180}
	got := scaleDown(src, 2, 1)
	for x, want := range []uint8{30, 150} {
		if px := got.RGBAAt(x, 0); px.R != want || px.G != want || px.B != want || px.A != 255 {
			t.Errorf("pixel %d is %v, want grey %d", x, px, want)
		}
	}
}

func TestScaleDownKeepsUniformColour(t *testing.T) {
	// An odd ratio in both directions, wider than one conversion strip, with a non-zero origin.
	src := image.NewRGBA(image.Rect(10, 20, 10+4999, 20+301))
	fill := color.RGBA{10, 120, 230, 255}
	for i := 0; i < len(src.Pix); i += 4 {
		copy(src.Pix[i:i+4], []uint8{fill.R, fill.G, fill.B, fill.A})
	}
	got := scaleDown(src, 1999, 97)
	if size := got.Bounds().Size(); size != image.Pt(1999, 97) {
		t.Fatalf("size %v, want 1999×97", size)
	}
	for y := range 97 {
		for x := range 1999 {
			if px := got.RGBAAt(x, y); px != fill {
				t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, px, fill)
			}
		}
	}
}

func TestScaleToFit(t *testing.T) {
	cases := []struct {
		name string
		size image.Point
		want image.Point
	}{
		{"landscape", image.Pt(8000, 6000), image.Pt(2000, 1500)},
		{"portrait", image.Pt(3000, 4000), image.Pt(1500, 2000)},
		{"fits already", image.Pt(2000, 1000), image.Pt(2000, 1000)},
		{"thin strip", image.Pt(4001, 1), image.Pt(2000, 1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := image.NewGray(image.Rectangle{Max: tc.size})
			if got := scaleToFit(src, MaxImageSide).Bounds().Size(); got != tc.want {
				t.Errorf("size %v, want %v", got, tc.want)
			}
		})
	}
}
