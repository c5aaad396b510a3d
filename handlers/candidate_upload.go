package handlers

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
	"sinop/upload"
)

// multipartAllowance is how many bytes beyond a file's size limit a request body may have, for
// the multipart boundaries and headers around the file.
const multipartAllowance = 64 << 10

// candidateUpload stores a new version of one candidate document (multipart field "file") and
// responds with the document's slot: 200 with the new file, or 422/413 with the reason beside the
// input and nothing stored. A request whose declared size is over the limit is refused before its
// body is read.
func (a *App) candidateUpload(c *gin.Context) error {
	cand, p, err := a.ownCandidate(c)
	if err != nil {
		return err
	}
	kind := c.Param("kind")
	if !slices.Contains(storage.CandidateDocumentKinds, kind) {
		return errNotFound()
	}
	if !p.Status.EditableByAgency() {
		return errConflict(msgNotEditable)
	}
	ctx := c.Request.Context()
	docs, err := a.Store.CandidateDocuments(ctx, cand.ID)
	if err != nil {
		return err
	}
	// A refused file leaves the current version in place, so the slot keeps showing it.
	var current *storage.Document
	if d, ok := docs[kind]; ok {
		current = &d
	}
	slot := a.newUploadSlot(cand.ID, kind, current, true)
	if kind == storage.DocSpousePhoto && !domain.SpousePhotoRequired(cand.MaritalStatus) {
		slot.Error = "Foto suami/istri hanya diunggah untuk calon berstatus kawin. Simpan dulu status perkawinannya."
		return a.renderSlot(c, http.StatusUnprocessableEntity, cand, p, slot)
	}

	limit := slot.MaxBytes
	if c.Request.ContentLength > limit+multipartAllowance {
		slot.Error = (&upload.TooLargeError{Limit: limit}).Error()
		return a.renderSlot(c, http.StatusRequestEntityTooLarge, cand, p, slot)
	}
	// Bodies without a declared length (chunked) are cut off at the same size.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+multipartAllowance)

	file, err := a.receiveFilePart(c, kind)
	var tooLarge *upload.TooLargeError
	var bodyTooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		slot.Error = tooLarge.Error()
		return a.renderSlot(c, http.StatusRequestEntityTooLarge, cand, p, slot)
	case errors.As(err, &bodyTooLarge):
		slot.Error = (&upload.TooLargeError{Limit: limit}).Error()
		return a.renderSlot(c, http.StatusRequestEntityTooLarge, cand, p, slot)
	case isRefusedFile(err):
		slot.Error = err.Error()
		return a.renderSlot(c, http.StatusUnprocessableEntity, cand, p, slot)
	case err != nil:
		return err
	}
	defer file.Close()

	user := mustUser(c)
	doc, err := a.storeDocument(ctx, file, kind, user.ID, func(tx *sqlx.Tx, doc storage.Document) error {
		return storage.LinkAgencyCandidateDocument(ctx, tx, cand.ID, doc)
	})
	switch {
	case errors.Is(err, storage.ErrNotEditable):
		return errConflict(msgNotEditable)
	case err != nil:
		return err
	}

	if !isHTMX(c) {
		a.setFlash(c, storage.DocumentLabel(kind)+" terunggah.")
		redirect(c, fmt.Sprintf("/candidates/%d", cand.ID))
		return nil
	}
	slot.Current = &doc
	return a.renderSlot(c, http.StatusOK, cand, p, slot)
}

// errNoFile is returned by receiveFilePart when the form carries no chosen file.
var errNoFile = errors.New("pilih berkas terlebih dahulu")

// receiveFilePart reads the multipart body part by part and spools the "file" part through
// upload.Receive, without buffering the body in memory.
func (a *App) receiveFilePart(c *gin.Context, kind string) (*upload.File, error) {
	reader, err := c.Request.MultipartReader()
	if err != nil {
		return nil, errBadRequest("Unggahan harus dikirim sebagai formulir multipart.")
	}
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errNoFile
		}
		if err != nil {
			return nil, fmt.Errorf("read multipart part: %w", err)
		}
		if part.FormName() != "file" {
			_ = part.Close()
			continue
		}
		if part.FileName() == "" {
			return nil, errNoFile
		}
		return upload.Receive(part, part.FileName(), acceptFor(kind), a.Limits)
	}
}

// isRefusedFile reports whether err rejects the file itself, with a message meant for the user.
func isRefusedFile(err error) bool {
	return errors.Is(err, errNoFile) || upload.IsRejected(err)
}

// renderSlot responds with the document slot: the fragment alone on htmx requests, the candidate
// page with the slot in place otherwise.
func (a *App) renderSlot(c *gin.Context, status int, cand storage.Candidate, p storage.Proposal, slot uploadSlot) error {
	if slot.Error != "" {
		requestLogger(c).Info("upload rejected", "candidate_id", cand.ID, "kind", slot.Kind, "status", status, "reason", slot.Error)
	}
	if wantsFragment(c) {
		a.renderPage(c, status, "candidate_edit", "uploadSlot", slot)
		return nil
	}
	page, err := a.editCandidatePage(c, cand, p)
	if err != nil {
		return err
	}
	for i := range page.Slots {
		if page.Slots[i].Kind == slot.Kind {
			page.Slots[i].Error = slot.Error
		}
	}
	a.renderPage(c, status, "candidate_edit", "layout", page)
	return nil
}
