// Package upload receives uploaded files: it spools each one to a temporary file within a size
// limit, recognises its type from its content (never its name), and normalises photos.
package upload

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// Limits are the largest accepted sizes, in bytes, per kind of content.
type Limits struct {
	ImageBytes int64
	PDFBytes   int64
}

// Max returns the largest of the limits, the most a single file may be before its type is known.
func (l Limits) Max() int64 { return max(l.ImageBytes, l.PDFBytes) }

// Accept is the set of content types a document slot takes.
type Accept int

const (
	// AcceptImage takes JPEG and PNG (photos).
	AcceptImage Accept = iota
	// AcceptPDFOrScan takes PDF, or JPEG and PNG scans (KTP, KK, diploma, PK).
	AcceptPDFOrScan
	// AcceptPDF takes PDF only (letters).
	AcceptPDF
)

// Content types SINOP stores.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypePDF  = "application/pdf"
)

// Errors for refused files. Their text is Indonesian and safe to show beside the field.
var (
	ErrEmpty    = errors.New("berkas kosong; pilih berkas yang berisi dokumen")
	ErrHEIC     = errors.New("berkas HEIC/HEIF (foto iPhone) tidak didukung; unggah JPG atau PNG. Di iPhone: Pengaturan > Kamera > Format > Paling Kompatibel, atau ubah dulu fotonya ke JPG")
	ErrNotImage = errors.New("berkas bukan foto JPG atau PNG")
	ErrNotPDF   = errors.New("berkas bukan PDF; SINOP memeriksa isi berkas, bukan nama atau ekstensinya")
	ErrNotScan  = errors.New("berkas harus PDF, atau hasil pindai JPG atau PNG")
)

// TooLargeError is returned for a file over its limit; Limit is in bytes.
type TooLargeError struct {
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("ukuran berkas melebihi batas %s", FormatSize(e.Limit))
}

// FormatSize writes a byte count in megabytes the Indonesian way: "5 MB", or "1,5 MB" with a
// decimal comma when it is not a whole number.
func FormatSize(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
}

// File is an accepted upload spooled to a temporary file. Close removes the temporary file.
type File struct {
	Path         string
	Size         int64
	ContentType  string
	OriginalName string
}

// Open opens the spooled content for reading.
func (f *File) Open() (*os.File, error) { return os.Open(f.Path) }

// Close removes the temporary file.
func (f *File) Close() error {
	if f == nil || f.Path == "" {
		return nil
	}
	err := os.Remove(f.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// Receive reads one file from r into a temporary file, refusing it as soon as it passes the limit
// for its type, then checks its type against accept and normalises images. On error nothing is
// left on disk. Errors other than the ones above are I/O failures.
func Receive(r io.Reader, originalName string, accept Accept, limits Limits) (*File, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	head = head[:n]
	if n == 0 {
		return nil, ErrEmpty
	}

	contentType := sniff(head)
	if err := check(contentType, accept); err != nil {
		return nil, err
	}
	limit := limits.PDFBytes
	if contentType != TypePDF {
		limit = limits.ImageBytes
	}

	tmp, err := os.CreateTemp("", "sinop-upload-*")
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	file := &File{Path: tmp.Name(), ContentType: contentType, OriginalName: originalName}
	written, err := io.Copy(tmp, io.LimitReader(io.MultiReader(bytes.NewReader(head), r), limit+1))
	closeErr := tmp.Close()
	switch {
	case err != nil:
		file.Close()
		return nil, fmt.Errorf("spool upload: %w", err)
	case closeErr != nil:
		file.Close()
		return nil, fmt.Errorf("spool upload: %w", closeErr)
	case written > limit:
		file.Close()
		return nil, &TooLargeError{Limit: limit}
	}
	file.Size = written

	if contentType != TypePDF {
		if err := normaliseImage(file); err != nil {
			file.Close()
			return nil, err
		}
	}
	return file, nil
}

func sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case isHEIF(head):
		return "image/heic"
	}
	return http.DetectContentType(head)
}

// isHEIF recognises the ISO base media "ftyp" box with a HEIF brand, as iPhones write.
func isHEIF(head []byte) bool {
	if len(head) < 12 || string(head[4:8]) != "ftyp" {
		return false
	}
	switch string(head[8:12]) {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif":
		return true
	}
	return false
}

func check(contentType string, accept Accept) error {
	// Advice on converting an iPhone photo helps only where photos are accepted.
	if contentType == "image/heic" && accept != AcceptPDF {
		return ErrHEIC
	}
	isImage := contentType == TypeJPEG || contentType == TypePNG
	switch accept {
	case AcceptImage:
		if !isImage {
			return ErrNotImage
		}
	case AcceptPDF:
		if contentType != TypePDF {
			return ErrNotPDF
		}
	case AcceptPDFOrScan:
		if !isImage && contentType != TypePDF {
			return ErrNotScan
		}
	}
	return nil
}

// IsRejected reports whether err rejects the file itself (empty, wrong type, too large, too many
// pixels, unreadable) rather than reporting an I/O failure. A rejection's text is an Indonesian
// message meant to be shown beside the file field.
func IsRejected(err error) bool {
	var tooLarge *TooLargeError
	var tooManyPixels *TooManyPixelsError
	switch {
	case errors.As(err, &tooLarge), errors.As(err, &tooManyPixels):
		return true
	}
	for _, rejection := range []error{ErrEmpty, ErrHEIC, ErrNotImage, ErrNotPDF, ErrNotScan, ErrImageUnreadable} {
		if errors.Is(err, rejection) {
			return true
		}
	}
	return false
}
