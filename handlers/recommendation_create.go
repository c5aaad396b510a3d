package handlers

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
	"sinop/upload"
)

const (
	// letterFieldBytes bounds the text fields of one letter form together.
	letterFieldBytes = 64 << 10
	// letterBodyAllowance is what a letter request may carry beyond the PDF: the text fields and
	// the multipart boundaries and part headers.
	letterBodyAllowance = letterFieldBytes + 64<<10
)

// letterParts is the content of a multipart letter form as readLetterParts read it.
type letterParts struct {
	values url.Values
	file   *upload.File
	// fileErr rejects the file (wrong type, empty, too large); its text is shown beside the field.
	fileErr error
}

// recommendationCreate stores a new letter: its PDF in object storage, and the document row, the
// letter and its requirements in one transaction. The body is read as a stream: text fields
// first, then the PDF (field "letter"), which is spooled to disk within the PDF limit. Invalid
// input gets 422 (413 for a file over the limit, 503 when object storage is down) with the form
// as typed, and nothing is stored.
func (a *App) recommendationCreate(c *gin.Context) error {
	page, err := a.newLetterFormPage(c)
	if err != nil {
		return err
	}
	page.Submitted = true
	ctx := c.Request.Context()

	maxBody := a.Limits.PDFBytes + letterBodyAllowance
	declaredTooLarge := c.Request.ContentLength > maxBody
	// Bodies without a declared length (chunked) are cut off at the same size.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	reader, err := c.Request.MultipartReader()
	if err != nil {
		return errBadRequest("Formulir surat rekomendasi harus dikirim sebagai multipart/form-data.")
	}
	// A body declared over the limit is rejected once the text fields, which come first, are
	// read, so the form can be shown again without reading the file.
	parts, err := readLetterParts(reader, !declaredTooLarge, a.Limits)
	defer parts.file.Close()
	page.Form = letterFormFrom(parts.values, page.Options)
	var fieldsTooLarge *fieldsTooLargeError
	switch {
	case errors.As(err, &fieldsTooLarge):
		page.Notice = fieldsTooLarge.Error()
		return a.renderLetterForm(c, http.StatusRequestEntityTooLarge, page)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errBadRequest("Unggahan terputus sebelum selesai. Periksa jaringan lalu kirim lagi.")
	case err != nil:
		return err
	}

	// A form sent twice (a double click, a reload) shows the letter the first one created.
	if id, err := a.Store.RecommendationIDByRequestKey(ctx, page.Form.RequestKey); err == nil {
		redirect(c, fmt.Sprintf("/recommendations/%d", id))
		return nil
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}

	rec, reqs, errs := page.Form.validate(page.Options, todayInJakarta())
	status := http.StatusUnprocessableEntity
	var tooLarge *upload.TooLargeError
	switch {
	case declaredTooLarge:
		errs.Add("letter", sentence((&upload.TooLargeError{Limit: a.Limits.PDFBytes}).Error()))
		status = http.StatusRequestEntityTooLarge
	case errors.As(parts.fileErr, &tooLarge):
		errs.Add("letter", sentence(tooLarge.Error()))
		status = http.StatusRequestEntityTooLarge
	case parts.fileErr != nil:
		errs.Add("letter", sentence(parts.fileErr.Error()))
	case parts.file == nil:
		errs.Add("letter", letterMsgMissingPDF)
	}
	if errs["number"] == "" && rec.Number != "" {
		numberTaken, err := a.Store.RecommendationNumberTaken(ctx, rec.Number)
		if err != nil {
			return err
		}
		if numberTaken {
			errs.Add("number", letterMsgDuplicateNumber)
		}
	}
	if len(errs) > 0 {
		page.Errors = errs
		return a.renderLetterForm(c, status, page)
	}

	user := mustUser(c)
	rec.CreatedBy = user.ID
	rec.RequestKey = page.Form.RequestKey
	var id int64
	doc, err := a.storeDocument(ctx, parts.file, storage.DocRecommendation, user.ID, func(tx *sqlx.Tx, doc storage.Document) error {
		rec.DocumentID.Int64, rec.DocumentID.Valid = doc.ID, true
		var err error
		id, err = a.Store.InsertRecommendation(ctx, tx, rec, reqs)
		return err
	})
	switch {
	case errors.Is(err, storage.ErrDuplicateRequest), errors.Is(err, storage.ErrDuplicateLetterNumber):
		// A concurrent copy of this form may have won; otherwise the number was taken meanwhile.
		if id, keyErr := a.Store.RecommendationIDByRequestKey(ctx, rec.RequestKey); keyErr == nil {
			redirect(c, fmt.Sprintf("/recommendations/%d", id))
			return nil
		}
		page.Errors = domain.FieldErrors{"number": letterMsgDuplicateNumber}
		return a.renderLetterForm(c, http.StatusUnprocessableEntity, page)
	case errors.Is(err, storage.ErrObjectStorageDown):
		requestLogger(c).Error("store recommendation letter failed", "err", err)
		page.Notice = "Penyimpanan berkas sedang tidak dapat dihubungi, jadi surat belum tersimpan. " +
			"Isian Anda masih ada di bawah; pilih lagi berkas PDF lalu simpan beberapa menit lagi."
		return a.renderLetterForm(c, http.StatusServiceUnavailable, page)
	case err != nil:
		return err
	}

	requestLogger(c).Info("recommendation created", "recommendation_id", id, "document_id", doc.ID, "agency_id", rec.AgencyID)
	a.setFlash(c, fmt.Sprintf("Surat rekomendasi %s tersimpan.", rec.Number))
	redirect(c, fmt.Sprintf("/recommendations/%d", id))
	return nil
}

const letterMsgDuplicateNumber = "Nomor surat ini sudah tercatat. Periksa nomornya, atau buka surat itu di daftar surat rekomendasi."

// fieldsTooLargeError is returned by readLetterParts when the text fields pass letterFieldBytes.
type fieldsTooLargeError struct{}

func (*fieldsTooLargeError) Error() string {
	return fmt.Sprintf("Isian formulir terlalu panjang (lebih dari %d KB). Periksa isian lalu kirim lagi.", letterFieldBytes>>10)
}

// readLetterParts reads the text fields and, when receive is set, spools the first "letter" file
// part through upload.Receive. Reading stops at the file part, so text fields must come before it,
// as they do in the form. A file over a limit, or a body over http.MaxBytesReader's, is reported
// in fileErr as *upload.TooLargeError; other errors are returned.
func readLetterParts(reader *multipart.Reader, receive bool, limits upload.Limits) (letterParts, error) {
	parts := letterParts{values: url.Values{}}
	budget := int64(letterFieldBytes)
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			return parts, nil
		}
		if err != nil {
			return parts, bodyError(err, limits, &parts)
		}

		name := part.FormName()
		if name == "letter" {
			if part.FileName() == "" || !receive {
				return parts, nil
			}
			parts.file, err = upload.Receive(part, part.FileName(), upload.AcceptPDF, limits)
			if upload.IsRejected(err) {
				parts.fileErr = err
				return parts, nil
			}
			if err != nil {
				return parts, bodyError(err, limits, &parts)
			}
			return parts, nil
		}
		if part.FileName() != "" || name == "" {
			continue // another file, skipped unread by NextPart
		}

		value, err := io.ReadAll(io.LimitReader(part, budget+1))
		if err != nil {
			return parts, bodyError(err, limits, &parts)
		}
		budget -= int64(len(value))
		if budget < 0 {
			return parts, &fieldsTooLargeError{}
		}
		parts.values.Add(name, string(value))
	}
}

// bodyError turns a body cut off by http.MaxBytesReader into a too-large file, and passes any
// other read error on.
func bodyError(err error, limits upload.Limits, parts *letterParts) error {
	var overBody *http.MaxBytesError
	if errors.As(err, &overBody) {
		parts.fileErr = &upload.TooLargeError{Limit: limits.PDFBytes}
		return nil
	}
	return fmt.Errorf("read letter form: %w", err)
}

// renderLetterForm responds with the letter form as typed: the fragment on htmx requests, the
// whole page otherwise.
func (a *App) renderLetterForm(c *gin.Context, status int, page letterFormPage) error {
	a.render(c, status, "recommendation_new", "letterForm", page)
	return nil
}

// sentence capitalises the first letter of an upload message and ends it with a full stop, for
// showing beside a field.
func sentence(message string) string {
	if message == "" {
		return ""
	}
	runes := []rune(message)
	runes[0] = unicode.ToUpper(runes[0])
	out := string(runes)
	if !strings.HasSuffix(out, ".") {
		out += "."
	}
	return out
}
