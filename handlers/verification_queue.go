package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// workflowQueuePage lists the proposals waiting for BKD or for the superadmin.
type workflowQueuePage struct {
	views.Base
	Items []storage.QueueItem
}

// verificationQueue is BKD's start page: proposals submitted by agencies or returned by the
// superadmin, the earliest submitted first.
func (a *App) verificationQueue(c *gin.Context) error {
	items, err := a.Store.ProposalQueue(c.Request.Context(), domain.StatusSubmitted, domain.StatusReturnedToBKD)
	if err != nil {
		return err
	}
	page := workflowQueuePage{Base: a.base(c, "Verifikasi usulan", "verification"), Items: items}
	a.renderPage(c, http.StatusOK, "verification_queue", "layout", page)
	return nil
}
