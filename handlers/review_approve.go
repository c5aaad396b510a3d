package handlers

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// reviewApprove approves a proposal: its accepted candidates enter the agency's register.
func (a *App) reviewApprove(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	version, err := workflowVersion(c)
	if err != nil {
		return err
	}
	if _, err := a.workflowProposal(c.Request.Context(), id); err != nil {
		return err
	}

	user := mustUser(c)
	p, admitted, err := a.Store.ApproveProposal(c.Request.Context(), storage.TransitionRequest{
		ProposalID: id, Version: version, Actor: storage.Actor{ID: user.ID, Role: user.Role},
	})
	if status, message, ok := workflowRefusal(err); ok {
		return a.renderReviewRefusal(c, status, id, func(page *reviewPage) {
			page.ActionError = message
		})
	}
	if err != nil {
		return err
	}

	requestLogger(c).Info("proposal approved", "proposal_id", id, "admitted", admitted)
	a.setFlash(c, fmt.Sprintf("Usulan disetujui: %d calon masuk daftar pegawai %s.", admitted, p.AgencyName))
	redirect(c, "/review")
	return nil
}
