package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
)

// candidateProblem is the list of required fields and documents a candidate still lacks before
// its proposal can be submitted.
type candidateProblem struct {
	CandidateID      int64
	Name             string
	Missing          []string
	MissingDocuments []string
}

// errIncomplete is returned by the submission hook when a candidate lacks data or documents.
var errIncomplete = errors.New("proposal has incomplete candidates")

// checkCandidate lists a candidate's empty required fields and missing documents; the spouse's
// photo is required only of a married candidate.
func checkCandidate(cand storage.Candidate, docs map[string]storage.Document) candidateProblem {
	problem := candidateProblem{
		CandidateID: cand.ID,
		Name:        candidateTitle(cand),
		Missing:     candidateData(cand).Missing(),
	}
	for _, kind := range candidateSlotKinds(cand.MaritalStatus) {
		if _, ok := docs[kind]; !ok {
			problem.MissingDocuments = append(problem.MissingDocuments, storage.DocumentLabel(kind))
		}
	}
	return problem
}

// proposalSubmit sends a proposal to BKD. Inside the transition's transaction, with the proposal
// locked, every candidate must be complete, or the response is 422 listing what each candidate
// lacks. A stale version returns 409 naming who changed the proposal.
func (a *App) proposalSubmit(c *gin.Context) error {
	p, err := a.ownProposal(c)
	if err != nil {
		return err
	}
	version, err := formVersion(c)
	if err != nil {
		return err
	}

	var problems []candidateProblem
	checkComplete := func(ctx context.Context, tx *sqlx.Tx, locked storage.Proposal) error {
		candidates, err := storage.ProposalCandidates(ctx, tx, locked.ID)
		if err != nil {
			return err
		}
		if len(candidates) == 0 {
			return domain.ErrNoCandidates
		}
		docs, err := storage.ProposalDocuments(ctx, tx, locked.ID)
		if err != nil {
			return err
		}
		for _, cand := range candidates {
			problem := checkCandidate(cand.Candidate, docs[cand.ID])
			if len(problem.Missing) > 0 || len(problem.MissingDocuments) > 0 {
				problems = append(problems, problem)
			}
		}
		if len(problems) > 0 {
			return errIncomplete
		}
		return nil
	}
	user := mustUser(c)
	_, err = a.Store.TransitionProposal(c.Request.Context(), storage.TransitionRequest{
		ProposalID: p.ID,
		Version:    version,
		Actor:      storage.Actor{ID: user.ID, Role: user.Role},
		Action:     domain.ActionSubmit,
	}, checkComplete)

	var conflict *storage.ConflictError
	switch {
	case errors.Is(err, errIncomplete), errors.Is(err, domain.ErrNoCandidates):
		return a.renderSubmitRefusal(c, p, err, problems)
	case errors.As(err, &conflict):
		return errConflict(conflict.Message())
	case errors.Is(err, domain.ErrWrongStatus):
		return errConflict("Usulan ini tidak bisa diajukan pada statusnya sekarang. Muat ulang halaman untuk melihat statusnya.")
	case err != nil:
		return err
	}

	a.setFlash(c, "Usulan diajukan ke BKD. Data calon tidak bisa diubah sampai BKD mengembalikannya.")
	redirect(c, fmt.Sprintf("/proposals/%d", p.ID))
	return nil
}

// renderSubmitRefusal responds 422 with the submit panel (or the whole page) explaining why the
// proposal cannot be submitted yet.
func (a *App) renderSubmitRefusal(c *gin.Context, p storage.Proposal, err error, problems []candidateProblem) error {
	page, pageErr := a.proposalShowPage(c, p)
	if pageErr != nil {
		return pageErr
	}
	page.Problems = problems
	if errors.Is(err, domain.ErrNoCandidates) {
		page.SubmitError = "Usulan belum bisa diajukan karena belum berisi calon pegawai."
	} else {
		page.SubmitError = "Usulan belum bisa diajukan. Lengkapi data dan dokumen calon berikut:"
	}
	a.render(c, http.StatusUnprocessableEntity, "proposal_show", "submitPanel", page)
	return nil
}
