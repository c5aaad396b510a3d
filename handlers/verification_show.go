package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/views"
)

// verificationSummary is the part of BKD's page that every row decision changes: quota, progress
// and the send button.
type verificationSummary struct {
	ProposalID int64
	Version    int
	Status     domain.Status
	Quota      domain.Quota
	Total      int
	Decided    int
	Accepted   int
	Rejected   int
	// SendAction is the action the send button takes, empty when the status allows neither.
	SendAction domain.Action
	// SendBlocked is the reason the proposal cannot be sent yet, empty when it can.
	SendBlocked string
	// OOB marks the copy that goes beside a row fragment, which htmx swaps into place by id.
	OOB bool
}

func newVerificationSummary(p storage.Proposal, quota domain.Quota, decisions []domain.Decision) verificationSummary {
	s := verificationSummary{ProposalID: p.ID, Version: p.Version, Status: p.Status, Quota: quota, Total: len(decisions)}
	for _, d := range decisions {
		switch d {
		case domain.DecisionAccepted:
			s.Accepted++
		case domain.DecisionRejected:
			s.Rejected++
		}
	}
	s.Decided = s.Accepted + s.Rejected
	for _, action := range domain.Actions(domain.RoleBKD, p.Status) {
		if action == domain.ActionSendToSuperadmin || action == domain.ActionResend {
			s.SendAction = action
		}
	}
	if s.SendAction != "" {
		if err := domain.CheckSendable(decisions, quota); err != nil {
			s.SendBlocked = workflowSentence(err.Error())
		}
	}
	return s
}

// CanSend reports whether the send button is enabled.
func (s verificationSummary) CanSend() bool { return s.SendAction != "" && s.SendBlocked == "" }

// OverBy returns how many candidates the proposal has beyond the quota.
func (s verificationSummary) OverBy() int { return -s.Quota.Remaining() }

// CanReturn reports whether BKD may return the proposal to the agency now.
func (s verificationSummary) CanReturn() bool { return s.Status.DecidableByBKD() }

// SendLabel is the send button's text: a first send or a resend after the superadmin's return.
func (s verificationSummary) SendLabel() string {
	if s.SendAction == domain.ActionResend {
		return "Kirim ulang ke superadmin"
	}
	return "Kirim ke superadmin"
}

// verificationPage is BKD's page for one proposal.
type verificationPage struct {
	views.Base
	workflowTable
	Summary      verificationSummary
	ReturnReason string
	// ReturnError is shown beside the return reason field.
	ReturnError string
	// ActionError is a refused return or send, shown above the actions even when the proposal
	// has moved on and the forms are gone.
	ActionError string
}

func (a *App) loadVerificationPage(c *gin.Context, id int64) (verificationPage, error) {
	table, err := a.loadWorkflowTable(c.Request.Context(), id, domain.Status.DecidableByBKD)
	if err != nil {
		return verificationPage{}, err
	}
	page := verificationPage{
		Base:          a.base(c, "Verifikasi usulan "+table.Proposal.AgencyName, "verification"),
		workflowTable: table,
		Summary:       newVerificationSummary(table.Proposal, table.Quota, table.Decisions()),
	}
	return page, nil
}

func (a *App) verificationShow(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	page, err := a.loadVerificationPage(c, id)
	if err != nil {
		return err
	}
	a.renderPage(c, http.StatusOK, "verification_show", "layout", page)
	return nil
}

// loadVerificationSummary reads the summary alone, for the copy that goes beside a row fragment.
func (a *App) loadVerificationSummary(ctx context.Context, p storage.Proposal) (verificationSummary, error) {
	quota, err := storage.ProposalQuota(ctx, a.Store.DB, p.ID)
	if err != nil {
		return verificationSummary{}, err
	}
	decisions, err := a.Store.CandidateDecisions(ctx, p.ID)
	if err != nil {
		return verificationSummary{}, err
	}
	return newVerificationSummary(p, quota, decisions), nil
}
