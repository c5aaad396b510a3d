package upload

import (
	"errors"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sinop/testenv"
)

// defaultLimits are SINOP's default limits: 5 MB images, 10 MB PDF.
var defaultLimits = Limits{ImageBytes: 5 << 20, PDFBytes: 10 << 20}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func receiveShared(t *testing.T, name string, accept Accept) (*File, *countingReader, error) {
	t.Helper()
	f, err := os.Open(testenv.TestFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counter := &countingReader{r: f}
	file, err := Receive(counter, name, accept, defaultLimits)
	if file != nil {
		t.Cleanup(func() { file.Close() })
	}
	return file, counter, err
}

func TestReceiveSharedFiles(t *testing.T) {
	cases := []struct {
		name     string
		accept   Accept
		wantType string
		// wantSize is the stored image's width and height; zero for PDFs.
		wantSize image.Point
	}{
		{"foto-diri.jpg", AcceptImage, TypeJPEG, image.Pt(600, 800)},
		{"foto-pasangan.png", AcceptImage, TypePNG, image.Pt(600, 800)},
		{"foto-exif-orientasi-6.jpg", AcceptImage, TypeJPEG, image.Pt(600, 800)},
		{"foto-besar-8000x6000.jpg", AcceptImage, TypeJPEG, image.Pt(2000, 1500)},
		{"ktp-scan.jpg", AcceptPDFOrScan, TypeJPEG, image.Pt(1012, 638)},
		{"kk-scan.png", AcceptPDFOrScan, TypePNG, image.Pt(1400, 900)},
		{"ijazah-scan.pdf", AcceptPDFOrScan, TypePDF, image.Point{}},
		{"pk-pertama.pdf", AcceptPDFOrScan, TypePDF, image.Point{}},
		{"pk-pertama.pdf", AcceptPDF, TypePDF, image.Point{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file, _, err := receiveShared(t, tc.name, tc.accept)
			if err != nil {
				t.Fatalf("Receive: %v", err)
			}
			if file.ContentType != tc.wantType {
				t.Errorf("content type %q, want %q", file.ContentType, tc.wantType)
			}
			info, err := os.Stat(file.Path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Size() != file.Size {
				t.Errorf("Size %d, file on disk has %d bytes", file.Size, info.Size())
			}
			if file.OriginalName != tc.name {
				t.Errorf("original name %q, want %q", file.OriginalName, tc.name)
			}
			if tc.wantType == TypePDF {
				return
			}
			if got := decodedSize(t, file.Path); got != tc.wantSize {
				t.Errorf("stored image %v, want %v", got, tc.wantSize)
			}
		})
	}
}

func TestReceiveRejectsSharedFiles(t *testing.T) {
	cases := []struct {
		name   string
		accept Accept
		want   error
		// wantWords must each appear in the message shown to the user.
		wantWords []string
	}{
		{"bukan-pdf.pdf", AcceptPDF, ErrNotPDF, []string{"bukan PDF"}},
		{"bukan-pdf.pdf", AcceptPDFOrScan, ErrNotScan, []string{"PDF", "JPG", "PNG"}},
		{"kosong.pdf", AcceptPDF, ErrEmpty, []string{"kosong"}},
		{"foto-iphone.heic", AcceptImage, ErrHEIC, []string{"JPG", "PNG"}},
		{"foto-iphone.heic", AcceptPDFOrScan, ErrHEIC, []string{"JPG", "PNG"}},
		{"foto-iphone.heic", AcceptPDF, ErrNotPDF, []string{"bukan PDF"}},
		{"pk-pertama.pdf", AcceptImage, ErrNotImage, []string{"JPG", "PNG"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file, _, err := receiveShared(t, tc.name, tc.accept)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if file != nil {
				t.Errorf("returned a file for a rejected upload")
			}
			if !IsRejected(err) {
				t.Errorf("IsRejected(%v) = false, want true", err)
			}
			for _, word := range tc.wantWords {
				if !strings.Contains(err.Error(), word) {
					t.Errorf("message %q lacks %q", err.Error(), word)
				}
			}
		})
	}
}

func TestReceiveTooLargeStopsReading(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	file, counter, err := receiveShared(t, "terlalu-besar.pdf", AcceptPDF)

	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("error %v, want *TooLargeError", err)
	}
	if file != nil {
		t.Errorf("returned a file for a rejected upload")
	}
	if tooLarge.Limit != defaultLimits.PDFBytes {
		t.Errorf("limit %d, want %d", tooLarge.Limit, defaultLimits.PDFBytes)
	}
	if !strings.Contains(err.Error(), "melebihi batas 10 MB") {
		t.Errorf("message %q lacks the limit", err.Error())
	}
	// Reading stops one byte past the limit (plus at most one read's buffer), well short of 11 MB.
	if counter.n > defaultLimits.PDFBytes+64<<10 {
		t.Errorf("read %d bytes, want at most the limit plus one buffer", counter.n)
	}
	if left := spooledFiles(t); left != 0 {
		t.Errorf("%d spooled files left, want none", left)
	}
}

func TestReceiveImageLimitAppliesToPhotos(t *testing.T) {
	limits := Limits{ImageBytes: 10 << 10, PDFBytes: 10 << 20}
	f, err := os.Open(testenv.TestFile(t, "foto-diri.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	_, err = Receive(f, "foto-diri.jpg", AcceptImage, limits)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("error %v, want *TooLargeError", err)
	}
	if tooLarge.Limit != limits.ImageBytes {
		t.Errorf("limit %d, want the image limit %d", tooLarge.Limit, limits.ImageBytes)
	}
}

func TestFileCloseRemovesSpool(t *testing.T) {
	file, _, err := receiveShared(t, "pk-pertama.pdf", AcceptPDF)
	if err != nil {
		t.Fatal(err)
	}
	if err := file.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(file.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("spooled file still there after Close: %v", err)
	}
	if err := file.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestIsRejectedIOError(t *testing.T) {
	if IsRejected(errors.New("read upload: connection reset")) {
		t.Errorf("IsRejected = true for an I/O error")
	}
}

func TestFormatSize(t *testing.T) {
	cases := []struct {
		bytes int64
		want  string
	}{
		{5 << 20, "5 MB"},
		{10 << 20, "10 MB"},
		{1536 << 10, "1,5 MB"},
	}
	for _, tc := range cases {
		if got := FormatSize(tc.bytes); got != tc.want {
			t.Errorf("FormatSize(%d) = %q, want %q", tc.bytes, got, tc.want)
		}
	}
}

// spooledFiles counts the files in the temporary folder, which the test points at its own.
func spooledFiles(t *testing.T) int {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(os.TempDir(), "*"))
	if err != nil {
		t.Fatal(err)
	}
	return len(matches)
}

func decodedSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	config, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatalf("decode stored image: %v", err)
	}
	return image.Pt(config.Width, config.Height)
}
