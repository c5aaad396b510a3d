package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// recordIDParam reads a path parameter holding a row id. Anything else returns 404, as a missing
// record would.
func recordIDParam(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound()
	}
	return id, nil
}

// userAgencyID returns the agency of the signed-in agency admin. Routes that call it are limited
// to role opd, whose accounts always have an agency (a CHECK constraint on users).
func userAgencyID(c *gin.Context) int64 {
	return mustUser(c).AgencyID.Int64
}

// ownProposal returns the admission proposal named by the :id path parameter when it belongs to
// the signed-in user's agency. Any other proposal returns 404, so its existence stays hidden.
func (a *App) ownProposal(c *gin.Context) (storage.Proposal, error) {
	id, err := recordIDParam(c, "id")
	if err != nil {
		return storage.Proposal{}, err
	}
	p, err := a.Store.Proposal(c.Request.Context(), id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && (p.AgencyID != userAgencyID(c) || p.Kind != "admission")) {
		return storage.Proposal{}, errNotFound()
	}
	return p, err
}

// ownCandidate returns the candidate named by the :id path parameter and its proposal when the
// proposal belongs to the signed-in user's agency. Other and removed candidates return 404.
func (a *App) ownCandidate(c *gin.Context) (storage.Candidate, storage.Proposal, error) {
	id, err := recordIDParam(c, "id")
	if err != nil {
		return storage.Candidate{}, storage.Proposal{}, err
	}
	cand, p, err := a.Store.CandidateWithProposal(c.Request.Context(), id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && p.AgencyID != userAgencyID(c)) {
		return storage.Candidate{}, storage.Proposal{}, errNotFound()
	}
	return cand, p, err
}

// newRequestKey returns a random token for a form's hidden request_key field, by which a repeated
// submission of the same form is recognised.
func newRequestKey() string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}

// Messages shared by the agency's proposal and candidate actions.
const (
	msgNotEditable = "Usulan ini sedang diproses BKD atau sudah selesai, sehingga data calon tidak bisa diubah. Muat ulang halaman untuk melihat statusnya."
	msgBadVersion  = "Formulir tidak lengkap. Muat ulang halaman lalu ulangi."
)

// formVersion reads the version a form carries.
func formVersion(c *gin.Context) (int, error) {
	v, err := strconv.Atoi(c.PostForm("version"))
	if err != nil || v <= 0 {
		return 0, errBadRequest(msgBadVersion)
	}
	return v, nil
}
