package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// letterListPage is the data of the letter list.
type letterListPage struct {
	views.Base
	Letters []storage.RecommendationSummary
	// ShowAgency is set for BKD and the superadmin, who see the letters of every agency.
	ShowAgency bool
	CanCreate  bool
}

// recommendationList lists letters: every letter for BKD and the superadmin, the letters
// addressed to its own agency for an agency admin.
func (a *App) recommendationList(c *gin.Context) error {
	user := mustUser(c)
	agencyID, err := letterScope(user)
	if err != nil {
		return err
	}
	letters, err := a.Store.RecommendationSummaries(c.Request.Context(), agencyID)
	if err != nil {
		return err
	}
	page := letterListPage{
		Base:       a.base(c, "Surat rekomendasi", "recommendations"),
		Letters:    letters,
		ShowAgency: agencyID == 0,
		CanCreate:  user.Role == domain.RoleBKD,
	}
	a.render(c, http.StatusOK, "recommendation_list", "content", page)
	return nil
}

// letterScope returns the agency whose letters the user may see, or 0 for every agency.
func letterScope(user storage.User) (int64, error) {
	switch user.Role {
	case domain.RoleBKD, domain.RoleSuperadmin:
		return 0, nil
	case domain.RoleOPD:
		return user.AgencyID.Int64, nil
	}
	return 0, errNotFound()
}
