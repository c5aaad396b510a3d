package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
)

// verificationRowState is the state a refused accept or reject leaves in the candidate's row.
type verificationRowState struct {
	// Rejecting keeps the reject field open with Reason as typed.
	Rejecting   bool
	Reason      string
	ReasonError string
	Message     string
	// WrongStatus selects the message that the proposal has left BKD's hands, naming its status.
	WrongStatus bool
}

func (s verificationRowState) apply(row *workflowRow, status domain.Status) {
	if s.Rejecting {
		row.RejectOpen = true
		row.Reason = s.Reason
	}
	row.ReasonError = s.ReasonError
	row.Message = s.Message
	if s.WrongStatus {
		row.Message = fmt.Sprintf("Keputusan tidak disimpan karena usulan berstatus “%s”. BKD hanya memutuskan calon "+
			"pada usulan yang diajukan OPD atau dikembalikan superadmin.", status.Label())
	}
}

// verificationRowFragment is the response to an htmx row post: the row, and the summary and
// send section that htmx swaps out of band.
type verificationRowFragment struct {
	Row     workflowRow
	Summary verificationSummary
}

func (a *App) verificationAccept(c *gin.Context) error {
	return a.verificationDecide(c, domain.DecisionAccepted)
}

func (a *App) verificationReject(c *gin.Context) error {
	return a.verificationDecide(c, domain.DecisionRejected)
}

func (a *App) verificationDecide(c *gin.Context, decision domain.Decision) error {
	proposalID, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	candidateID, err := workflowParamID(c, "cid")
	if err != nil {
		return err
	}
	version, err := workflowVersion(c)
	if err != nil {
		return err
	}
	rejecting := decision == domain.DecisionRejected
	reason := c.PostForm("reason")

	if rejecting {
		message := workflowReasonTooLong(reason)
		if strings.TrimSpace(reason) == "" {
			message = "Alasan penolakan wajib diisi."
		}
		if message != "" {
			state := verificationRowState{Rejecting: true, Reason: reason, ReasonError: message}
			return a.renderVerificationRow(c, http.StatusUnprocessableEntity, proposalID, candidateID, state)
		}
	}

	user := mustUser(c)
	err = a.Store.DecideCandidate(c.Request.Context(), storage.DecisionRequest{
		ProposalID: proposalID, CandidateID: candidateID, Version: version,
		Actor:    storage.Actor{ID: user.ID, Role: user.Role},
		Decision: decision, Reason: strings.TrimSpace(reason),
	})
	if errors.Is(err, domain.ErrWrongStatus) {
		state := verificationRowState{Rejecting: rejecting, Reason: reason, WrongStatus: true}
		return a.renderVerificationRow(c, http.StatusUnprocessableEntity, proposalID, candidateID, state)
	}
	if status, message, ok := workflowRefusal(err); ok {
		state := verificationRowState{Rejecting: rejecting, Reason: reason, Message: message}
		return a.renderVerificationRow(c, status, proposalID, candidateID, state)
	}
	if err != nil {
		return err
	}

	requestLogger(c).Info("candidate decided", "proposal_id", proposalID, "candidate_id", candidateID, "decision", decision)
	if !isHTMX(c) {
		redirect(c, fmt.Sprintf("/verification/%d#candidate-%d", proposalID, candidateID))
		return nil
	}
	return a.renderVerificationRow(c, http.StatusOK, proposalID, candidateID, verificationRowState{})
}

// renderVerificationRow writes the response to a row post. On htmx it is the row with the
// summary out of band, read with a few queries for that row alone. Otherwise it is the whole
// page with the row's state.
func (a *App) renderVerificationRow(c *gin.Context, status int, proposalID, candidateID int64, state verificationRowState) error {
	ctx := c.Request.Context()
	if !wantsFragment(c) {
		page, err := a.loadVerificationPage(c, proposalID)
		if err != nil {
			return err
		}
		row := page.row(candidateID)
		if row == nil {
			return errNotFound()
		}
		state.apply(row, page.Proposal.Status)
		a.renderPage(c, status, "verification_show", "layout", page)
		return nil
	}

	p, err := a.workflowProposal(ctx, proposalID)
	if err != nil {
		return err
	}
	reqs, err := a.Store.Requirements(ctx, p.RecommendationID)
	if err != nil {
		return err
	}
	rows, err := a.Store.VerificationRows(ctx, proposalID, candidateID)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return errNotFound()
	}
	row := newWorkflowRow(rows[0], storage.DomainRequirements(reqs), p.Status.DecidableByBKD())
	state.apply(&row, p.Status)
	summary, err := a.loadVerificationSummary(ctx, p)
	if err != nil {
		return err
	}
	summary.OOB = true
	a.renderPage(c, status, "verification_show", "verificationRowFragment", verificationRowFragment{Row: row, Summary: summary})
	return nil
}
