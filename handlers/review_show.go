package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/views"
)

// reviewPage is the superadmin's read-only view of BKD's decisions on one proposal, with the
// return form (overall reason and a correction per row) and the approve button.
type reviewPage struct {
	views.Base
	workflowTable
	// CanDecide is true while the proposal waits for the superadmin.
	CanDecide   bool
	Reason      string
	ReasonError string
	// ActionError is a refused return or approval, shown above the actions even when the
	// proposal has moved on and the forms are gone.
	ActionError string
}

// AcceptedCount returns how many rows BKD accepted, the number approval admits.
func (p reviewPage) AcceptedCount() int {
	n := 0
	for _, r := range p.Rows {
		if r.Decision == domain.DecisionAccepted {
			n++
		}
	}
	return n
}

func (a *App) loadReviewPage(c *gin.Context, id int64) (reviewPage, error) {
	notDecidable := func(domain.Status) bool { return false }
	table, err := a.loadWorkflowTable(c.Request.Context(), id, notDecidable)
	if err != nil {
		return reviewPage{}, err
	}
	return reviewPage{
		Base:          a.base(c, "Verifikasi akhir "+table.Proposal.AgencyName, "review"),
		workflowTable: table,
		CanDecide:     table.Proposal.Status == domain.StatusInFinalReview,
	}, nil
}

func (a *App) reviewShow(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	page, err := a.loadReviewPage(c, id)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "review_show", "layout", page)
	return nil
}

// renderReviewRefusal shows the review page again with status after a refused return or
// approval; edit puts the refusal and the typed values in place.
func (a *App) renderReviewRefusal(c *gin.Context, status int, id int64, edit func(*reviewPage)) error {
	page, err := a.loadReviewPage(c, id)
	if err != nil {
		return err
	}
	edit(&page)
	a.renderPage(c, status, "review_show", "layout", page)
	return nil
}
