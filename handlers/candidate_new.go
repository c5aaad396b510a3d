package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// candidateNew shows the empty form for a new candidate of an editable proposal.
func (a *App) candidateNew(c *gin.Context) error {
	p, err := a.ownProposal(c)
	if err != nil {
		return err
	}
	if !p.Status.EditableByAgency() {
		return errConflict(msgNotEditable)
	}
	ref, err := a.Store.LoadReference(c.Request.Context())
	if err != nil {
		return err
	}

	page := candidatePage{
		Base:       a.base(c, "Tambah calon pegawai", "proposals"),
		Proposal:   p,
		RequestKey: newRequestKey(),
		Errors:     domain.FieldErrors{},
		Editable:   true,
		Ref:        ref,
	}
	a.render(c, http.StatusOK, "candidate_edit", "candidateForm", page)
	return nil
}
