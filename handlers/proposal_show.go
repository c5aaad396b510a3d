package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// proposalShowPage is the agency's page of one proposal.
type proposalShowPage struct {
	views.Base
	Proposal storage.Proposal
	Quota    domain.Quota
	Rows     []candidateRow
	Events   []storage.ProposalEvent
	Editable bool
	// SubmitError and Problems explain a refused submission.
	SubmitError string
	Problems    []candidateProblem
}

// candidateRow is a line of the proposal's candidates table.
type candidateRow struct {
	storage.CandidateListItem
	// MissingFields and MissingDocuments list what is still absent, for the completeness column.
	MissingFields    []string
	MissingDocuments []string
	Warnings         []string
}

// proposalShow shows a proposal of the agency: its status, BKD's reason when it came back, the
// letter's quota, the candidates and the timeline.
func (a *App) proposalShow(c *gin.Context) error {
	p, err := a.ownProposal(c)
	if err != nil {
		return err
	}
	page, err := a.proposalShowPage(c, p)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "proposal_show", "layout", page)
	return nil
}

func (a *App) proposalShowPage(c *gin.Context, p storage.Proposal) (proposalShowPage, error) {
	ctx := c.Request.Context()
	quota, err := storage.ProposalQuota(ctx, a.Store.DB, p.ID)
	if err != nil {
		return proposalShowPage{}, err
	}
	candidates, err := storage.ProposalCandidates(ctx, a.Store.DB, p.ID)
	if err != nil {
		return proposalShowPage{}, err
	}
	docs, err := storage.ProposalDocuments(ctx, a.Store.DB, p.ID)
	if err != nil {
		return proposalShowPage{}, err
	}
	events, err := a.Store.ProposalEvents(ctx, p.ID)
	if err != nil {
		return proposalShowPage{}, err
	}

	page := proposalShowPage{
		Base:     a.base(c, fmt.Sprintf("Usulan #%d", p.ID), "proposals"),
		Proposal: p,
		Quota:    quota,
		Events:   events,
		Editable: p.Status.EditableByAgency(),
	}
	for _, cand := range candidates {
		problem := checkCandidate(cand.Candidate, docs[cand.ID])
		page.Rows = append(page.Rows, candidateRow{
			CandidateListItem: cand,
			MissingFields:     problem.Missing,
			MissingDocuments:  problem.MissingDocuments,
			Warnings:          candidateData(cand.Candidate).Warnings(),
		})
	}
	return page, nil
}
