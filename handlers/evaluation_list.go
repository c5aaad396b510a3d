package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/views"
)

// evaluationListPage is the agency's evaluation results (Hasil Evaluasi).
type evaluationListPage struct {
	views.Base
	Items []storage.EvaluationItem
}

// evaluationList shows the candidates BKD rejected in the agency's finished proposals, with the
// reason, the proposal and its letter.
func (a *App) evaluationList(c *gin.Context) error {
	items, err := a.Store.AgencyEvaluations(c.Request.Context(), userAgencyID(c))
	if err != nil {
		return err
	}
	page := evaluationListPage{Base: a.base(c, "Hasil evaluasi", "evaluations"), Items: items}
	a.renderPage(c, http.StatusOK, "evaluation_list", "layout", page)
	return nil
}
