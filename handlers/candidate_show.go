package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// candidateShow shows a candidate's form and document slots; read-only once the proposal is in
// BKD's hands.
func (a *App) candidateShow(c *gin.Context) error {
	cand, p, err := a.ownCandidate(c)
	if err != nil {
		return err
	}
	page, err := a.editCandidatePage(c, cand, p)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "candidate_edit", "layout", page)
	return nil
}
