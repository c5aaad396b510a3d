package handlers

import (
	"errors"
	"fmt"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// candidateRemove takes a candidate out of an editable proposal and frees its NIK; the row stays
// for the timeline.
func (a *App) candidateRemove(c *gin.Context) error {
	cand, p, err := a.ownCandidate(c)
	if err != nil {
		return err
	}
	version, err := formVersion(c)
	if err != nil {
		return err
	}

	user := mustUser(c)
	_, err = a.Store.RemoveCandidate(c.Request.Context(), cand.ID, version, storage.Actor{ID: user.ID, Role: user.Role})
	var conflict *storage.ConflictError
	switch {
	case errors.As(err, &conflict):
		return errConflict(conflict.Message())
	case errors.Is(err, storage.ErrNotEditable):
		return errConflict(msgNotEditable)
	case err != nil:
		return err
	}

	a.setFlash(c, fmt.Sprintf("%s dihapus dari usulan.", candidateTitle(cand)))
	redirect(c, fmt.Sprintf("/proposals/%d", p.ID))
	return nil
}
