package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/upload"
	"sinop/views"
)

// letterPage is the data of one letter's page.
type letterPage struct {
	views.Base
	Letter           storage.RecommendationSummary
	Requirements     []storage.Requirement
	RequirementTotal int
	// Document is the letter's PDF, nil for a letter recorded without one.
	Document     *storage.Document
	DocumentSize string
}

// recommendationShow shows a letter with its quota use, its requirements and its PDF in place.
// A letter addressed to another agency gets 404.
func (a *App) recommendationShow(c *gin.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound()
	}
	ctx := c.Request.Context()
	letter, err := a.visibleLetter(ctx, mustUser(c), id)
	if err != nil {
		return err
	}
	reqs, err := a.Store.Requirements(ctx, id)
	if err != nil {
		return err
	}

	page := letterPage{
		Base:         a.base(c, "Surat rekomendasi "+letter.Number, "recommendations"),
		Letter:       letter,
		Requirements: reqs,
	}
	for _, q := range reqs {
		page.RequirementTotal += q.Count
	}
	if letter.DocumentID.Valid {
		doc, err := a.Store.Document(ctx, letter.DocumentID.Int64)
		if err != nil {
			return err
		}
		page.Document = &doc
		page.DocumentSize = letterFileSize(doc.SizeBytes)
	}
	a.render(c, http.StatusOK, "recommendation_show", "content", page)
	return nil
}

// visibleLetter returns a letter the user may see, with its quota use: any letter for BKD and the
// superadmin, only its own agency's for an agency admin. Anything else is storage.ErrNotFound.
func (a *App) visibleLetter(ctx context.Context, user storage.User, id int64) (storage.RecommendationSummary, error) {
	agencyID, err := letterScope(user)
	if err != nil {
		return storage.RecommendationSummary{}, err
	}
	letter, err := a.Store.RecommendationSummaryByID(ctx, id)
	if err != nil {
		return storage.RecommendationSummary{}, err
	}
	if agencyID != 0 && letter.AgencyID != agencyID {
		return storage.RecommendationSummary{}, storage.ErrNotFound
	}
	return letter, nil
}

// letterFileSize writes a file size for people: kilobytes below a megabyte, else megabytes.
func letterFileSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", max(1, (n+512)>>10))
	}
	return upload.FormatSize(n)
}
