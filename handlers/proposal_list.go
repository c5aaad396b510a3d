package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// proposalListPage is the agency's start page: its proposals and the form that starts a draft.
type proposalListPage struct {
	views.Base
	Proposals []storage.ProposalSummary
	Letters   []storage.Recommendation
	// RequestKey and RecommendationID belong to the new-draft form.
	RequestKey       string
	RecommendationID string
	Errors           domain.FieldErrors
}

// proposalList shows the agency's admission proposals, most recently changed first.
func (a *App) proposalList(c *gin.Context) error {
	page, err := a.proposalListPage(c)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "proposal_list", "layout", page)
	return nil
}

func (a *App) proposalListPage(c *gin.Context) (proposalListPage, error) {
	ctx := c.Request.Context()
	agencyID := userAgencyID(c)
	proposals, err := a.Store.AgencyProposals(ctx, agencyID)
	if err != nil {
		return proposalListPage{}, err
	}
	letters, err := a.Store.Recommendations(ctx, agencyID)
	if err != nil {
		return proposalListPage{}, err
	}
	return proposalListPage{
		Base:       a.base(c, "Usulan pegawai baru", "proposals"),
		Proposals:  proposals,
		Letters:    letters,
		RequestKey: newRequestKey(),
		Errors:     domain.FieldErrors{},
	}, nil
}
