package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// candidateUpdate saves the form of a candidate read at the form's version. On a proposal BKD
// returned, a change sends BKD's decision on the candidate back to pending (see
// storage.UpdateCandidate). Invalid input and a duplicate NIK return 422 with the form. A stale
// version returns 409 naming who changed the candidate.
func (a *App) candidateUpdate(c *gin.Context) error {
	cand, p, err := a.ownCandidate(c)
	if err != nil {
		return err
	}
	version, err := formVersion(c)
	if err != nil {
		return err
	}
	if !p.Status.EditableByAgency() {
		return errConflict(msgNotEditable)
	}
	page, err := a.editCandidatePage(c, cand, p)
	if err != nil {
		return err
	}

	in, data, errs := a.parseCandidateForm(c, page.Ref)
	page.Input = in
	page.Errors = errs
	page.Version = version
	page.Warnings = data.Warnings()
	if len(errs) > 0 {
		page.FormError = msgFormInvalid
		a.render(c, http.StatusUnprocessableEntity, "candidate_edit", "candidateForm", page)
		return nil
	}

	user := mustUser(c)
	changed := storedCandidate(data)
	changed.ID = cand.ID
	if _, err := a.Store.UpdateCandidate(c.Request.Context(), changed, version, storage.Actor{ID: user.ID, Role: user.Role}); err != nil {
		if err := candidateSaveError(c, err, &page, userAgencyID(c)); err != nil {
			return err
		}
		a.render(c, http.StatusUnprocessableEntity, "candidate_edit", "candidateForm", page)
		return nil
	}

	a.setFlash(c, "Data calon tersimpan.")
	redirect(c, fmt.Sprintf("/candidates/%d", cand.ID))
	return nil
}
