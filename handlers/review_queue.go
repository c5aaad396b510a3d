package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// reviewQueue is the superadmin's start page: proposals BKD has sent for final review.
func (a *App) reviewQueue(c *gin.Context) error {
	items, err := a.Store.ProposalQueue(c.Request.Context(), domain.StatusInFinalReview)
	if err != nil {
		return err
	}
	page := workflowQueuePage{Base: a.base(c, "Verifikasi akhir", "review"), Items: items}
	a.renderPage(c, http.StatusOK, "review_queue", "layout", page)
	return nil
}
