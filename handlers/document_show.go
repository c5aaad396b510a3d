package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/upload"
)

// documentCSP replaces the app's Content-Security-Policy on documents. Chromium has shown a PDF
// through a generated page that embeds its viewer with <embed> and inline styles, under the
// response's own policy, and users of Chrome 56 to 77 reported a blank viewer under object-src
// 'none'. So the policy allows both, and nothing else.
// NOTE: headless Chromium does not draw PDF pages, so no test here shows the viewer rendering.
const documentCSP = "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

// documentMaxNameLen bounds the file name offered to the browser, in characters.
const documentMaxNameLen = 120

// documentShow serves a stored document after the authorisation check, inline (attachment with
// ?download=1), with the stored content type and range support for PDF viewers. Any version,
// superseded ones included, is served by its id.
func (a *App) documentShow(c *gin.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound()
	}
	ctx := c.Request.Context()
	doc, err := a.Store.Document(ctx, id)
	if err != nil {
		return err
	}
	if err := a.authoriseDocument(ctx, mustUser(c), doc); err != nil {
		return err
	}

	object, info, err := a.Objects.Get(ctx, doc.ObjectKey)
	if errors.Is(err, storage.ErrNotFound) {
		// A row whose object is gone is a storage fault, not the user's mistake.
		requestLogger(c).Error("document object missing", "document_id", doc.ID, "object_key", doc.ObjectKey)
		return errNotFound()
	}
	if err != nil {
		return err
	}
	defer object.Close()

	disposition := "inline"
	if c.Query("download") == "1" {
		disposition = "attachment"
	}
	h := c.Writer.Header()
	h.Set("Content-Type", doc.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", contentDisposition(disposition, documentFileName(doc)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", documentCSP)
	if info.ETag != "" {
		h.Set("ETag", strconv.Quote(info.ETag))
	}
	// ServeContent handles Range and conditional requests by seeking in the object, which minio-go
	// turns into ranged reads from object storage.
	http.ServeContent(c.Writer, c.Request, "", doc.CreatedAt, object)
	return nil
}

// documentFileName returns the name offered for a document: its original name reduced to a base
// name without control characters, with the extension its content type calls for.
func documentFileName(doc storage.Document) string {
	name := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, doc.OriginalName)
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Trim(name, " .")
	if name == "/" {
		name = ""
	}
	if runes := []rune(name); len(runes) > documentMaxNameLen {
		name = string(runes[len(runes)-documentMaxNameLen:])
	}

	ext := extensionFor(doc.ContentType)
	if name == "" {
		return fmt.Sprintf("%s-%d%s", doc.Kind, doc.ID, ext)
	}
	current := strings.ToLower(path.Ext(name))
	if current == ext || (ext == ".jpg" && current == ".jpeg") {
		return name
	}
	return name + ext
}

func extensionFor(contentType string) string {
	switch contentType {
	case upload.TypePDF:
		return ".pdf"
	case upload.TypeJPEG:
		return ".jpg"
	case upload.TypePNG:
		return ".png"
	}
	return ""
}

// contentDisposition returns a Content-Disposition header value: an ASCII filename for every
// client and, when the name has other characters, the UTF-8 name as an RFC 5987 filename*.
func contentDisposition(disposition, name string) string {
	var fallback strings.Builder
	ascii := true
	for _, r := range name {
		switch {
		case r < 0x20 || r >= 0x7f:
			ascii = false
			fallback.WriteByte('_')
		case r == '"' || r == '\\' || r == '%' || r == ';':
			fallback.WriteByte('_')
		default:
			fallback.WriteRune(r)
		}
	}
	value := fmt.Sprintf(`%s; filename="%s"`, disposition, fallback.String())
	if !ascii {
		value += "; filename*=UTF-8''" + encodeRFC5987(name)
	}
	return value
}

// encodeRFC5987 percent-encodes every byte of s that is not an RFC 5987 attr-char.
func encodeRFC5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
