package handlers

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
)

func (a *App) verificationReturn(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	version, err := workflowVersion(c)
	if err != nil {
		return err
	}
	reason := c.PostForm("reason")

	if strings.TrimSpace(reason) == "" || workflowReasonTooLong(reason) != "" {
		return a.renderVerificationRefusal(c, http.StatusUnprocessableEntity, id, func(page *verificationPage) {
			page.ReturnReason = reason
			page.ReturnError = workflowReasonTooLong(reason)
			if strings.TrimSpace(reason) == "" {
				page.ReturnError = "Alasan pengembalian wajib diisi."
				if page.Summary.Quota.Over() {
					page.ReturnError = "Alasan wajib diisi karena jumlah calon melebihi kuota surat rekomendasi."
				}
			}
		})
	}

	user := mustUser(c)
	_, err = a.Store.TransitionProposal(c.Request.Context(), storage.TransitionRequest{
		ProposalID: id, Version: version, Actor: storage.Actor{ID: user.ID, Role: user.Role},
		Action: domain.ActionReturnToOPD, Reason: strings.TrimSpace(reason),
	}, nil)
	if status, message, ok := workflowRefusal(err); ok {
		return a.renderVerificationRefusal(c, status, id, func(page *verificationPage) {
			page.ReturnReason = reason
			page.ActionError = message
		})
	}
	if err != nil {
		return err
	}

	requestLogger(c).Info("proposal returned to agency", "proposal_id", id)
	a.setFlash(c, "Usulan dikembalikan ke OPD beserta alasannya.")
	redirect(c, "/verification")
	return nil
}

// renderVerificationRefusal shows BKD's page again with status after a refused return or send;
// edit puts the refusal and the typed values in place.
func (a *App) renderVerificationRefusal(c *gin.Context, status int, id int64, edit func(*verificationPage)) error {
	page, err := a.loadVerificationPage(c, id)
	if err != nil {
		return err
	}
	edit(&page)
	a.renderPage(c, status, "verification_show", "layout", page)
	return nil
}
