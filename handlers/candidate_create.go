package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
)

// candidateCreate adds a candidate to an editable proposal. A draft may be incomplete, but every
// filled field must be valid and the NIK must not be active anywhere else. Otherwise the form
// comes back with 422 and nothing is stored.
func (a *App) candidateCreate(c *gin.Context) error {
	p, err := a.ownProposal(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	ref, err := a.Store.LoadReference(ctx)
	if err != nil {
		return err
	}

	in, data, errs := a.parseCandidateForm(c, ref)
	page := candidatePage{
		Base:       a.base(c, "Tambah calon pegawai", "proposals"),
		Proposal:   p,
		RequestKey: c.PostForm("request_key"),
		Input:      in,
		Errors:     errs,
		Editable:   true,
		Ref:        ref,
		Warnings:   data.Warnings(),
	}
	if len(errs) > 0 {
		page.FormError = msgFormInvalid
		a.render(c, http.StatusUnprocessableEntity, "candidate_edit", "candidateForm", page)
		return nil
	}

	user := mustUser(c)
	cand := storedCandidate(data)
	cand.ProposalID = p.ID
	cand.CreatedBy = user.ID
	id, err := a.Store.AddCandidate(ctx, cand, page.RequestKey, storage.Actor{ID: user.ID, Role: user.Role})
	if err != nil {
		if err := candidateSaveError(c, err, &page, userAgencyID(c)); err != nil {
			return err
		}
		a.render(c, http.StatusUnprocessableEntity, "candidate_edit", "candidateForm", page)
		return nil
	}

	a.setFlash(c, addedMessage(data))
	redirect(c, fmt.Sprintf("/candidates/%d", id))
	return nil
}

func addedMessage(d domain.CandidateData) string {
	if len(d.Warnings()) > 0 {
		return "Calon tersimpan, tetapi NIK tidak cocok dengan tanggal lahir atau jenis kelamin. Periksa peringatan di bawah. Lanjutkan dengan mengunggah dokumen."
	}
	return "Calon tersimpan. Lanjutkan dengan mengunggah dokumen."
}
