package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// recommendationNew shows the empty letter form to BKD.
func (a *App) recommendationNew(c *gin.Context) error {
	page, err := a.newLetterFormPage(c)
	if err != nil {
		return err
	}
	a.render(c, http.StatusOK, "recommendation_new", "letterForm", page)
	return nil
}

// recommendationRow renders one empty requirement row for the "Tambah baris" button.
func (a *App) recommendationRow(c *gin.Context) error {
	page, err := a.newLetterFormPage(c)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "recommendation_new", "requirementRow", requirementRow{Options: page.Options})
	return nil
}
