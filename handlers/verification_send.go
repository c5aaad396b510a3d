package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
)

// verificationSend sends a proposal to the superadmin, or sends it again after the superadmin
// returned it. The action follows the status read here. Had the status changed since the form
// was read, the version changed too, so the transition returns a conflict.
func (a *App) verificationSend(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	version, err := workflowVersion(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	p, err := a.workflowProposal(ctx, id)
	if err != nil {
		return err
	}
	action := domain.ActionSendToSuperadmin
	if p.Status == domain.StatusReturnedToBKD {
		action = domain.ActionResend
	}

	user := mustUser(c)
	_, err = a.Store.TransitionProposal(ctx, storage.TransitionRequest{
		ProposalID: id, Version: version, Actor: storage.Actor{ID: user.ID, Role: user.Role}, Action: action,
	}, nil)
	if status, message, ok := workflowRefusal(err); ok {
		return a.renderVerificationRefusal(c, status, id, func(page *verificationPage) {
			page.ActionError = message
		})
	}
	if err != nil {
		return err
	}

	requestLogger(c).Info("proposal sent to superadmin", "proposal_id", id, "action", action)
	a.setFlash(c, "Usulan dikirim ke superadmin untuk verifikasi akhir.")
	redirect(c, "/verification")
	return nil
}
