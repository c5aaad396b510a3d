package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// proposalCreate starts a draft proposal under one of the agency's letters. The form's
// request_key makes a repeated submission land on the draft the first one created.
func (a *App) proposalCreate(c *gin.Context) error {
	raw := c.PostForm("recommendation_id")
	recommendationID, parseErr := strconv.ParseInt(raw, 10, 64)
	if raw == "" || parseErr != nil || recommendationID <= 0 {
		page, err := a.proposalListPage(c)
		if err != nil {
			return err
		}
		page.RecommendationID = raw
		page.Errors.Add("recommendation_id", "pilih surat rekomendasi untuk usulan ini")
		a.render(c, http.StatusUnprocessableEntity, "proposal_list", "newProposalForm", page)
		return nil
	}

	user := mustUser(c)
	id, err := a.Store.CreateDraftProposal(c.Request.Context(), userAgencyID(c), recommendationID, user.ID, c.PostForm("request_key"))
	if errors.Is(err, storage.ErrNotFound) {
		// Also a letter of another agency: its existence is not revealed.
		return errNotFound()
	}
	if err != nil {
		return err
	}

	a.setFlash(c, "Usulan baru dibuat. Tambahkan calon pegawai, lalu ajukan ke BKD.")
	redirect(c, fmt.Sprintf("/proposals/%d", id))
	return nil
}
