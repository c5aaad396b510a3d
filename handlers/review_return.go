package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sinop/storage"
)

// reviewReturn returns a proposal to BKD with an overall reason and, on the rows the superadmin
// disagrees with, a correction each (fields correction_<candidate id>).
func (a *App) reviewReturn(c *gin.Context) error {
	id, err := workflowParamID(c, "id")
	if err != nil {
		return err
	}
	version, err := workflowVersion(c)
	if err != nil {
		return err
	}
	reason := c.PostForm("reason")
	corrections, err := reviewCorrections(c)
	if err != nil {
		return errBadRequest("Formulir tidak terbaca. Muat ulang halaman lalu ulangi.")
	}

	reasonError := workflowReasonTooLong(reason)
	if strings.TrimSpace(reason) == "" {
		reasonError = "Alasan pengembalian ke BKD wajib diisi."
	}
	correctionErrors := map[int64]string{}
	for cid, text := range corrections {
		if message := workflowReasonTooLong(text); message != "" {
			correctionErrors[cid] = message
		}
	}
	keepTyped := func(page *reviewPage) {
		page.Reason = reason
		for i := range page.Rows {
			row := &page.Rows[i]
			row.Correction = corrections[row.ID]
			row.CorrectionError = correctionErrors[row.ID]
		}
	}
	if reasonError != "" || len(correctionErrors) > 0 {
		return a.renderReviewRefusal(c, http.StatusUnprocessableEntity, id, func(page *reviewPage) {
			keepTyped(page)
			page.ReasonError = reasonError
		})
	}

	trimmed := make(map[int64]string, len(corrections))
	for cid, text := range corrections {
		trimmed[cid] = strings.TrimSpace(text)
	}
	user := mustUser(c)
	_, err = a.Store.ReturnToBKD(c.Request.Context(), storage.TransitionRequest{
		ProposalID: id, Version: version, Actor: storage.Actor{ID: user.ID, Role: user.Role},
		Reason: strings.TrimSpace(reason),
	}, trimmed)
	if status, message, ok := workflowRefusal(err); ok {
		return a.renderReviewRefusal(c, status, id, func(page *reviewPage) {
			keepTyped(page)
			page.ActionError = message
		})
	}
	if err != nil {
		return err
	}

	requestLogger(c).Info("proposal returned to BKD", "proposal_id", id, "corrections", len(trimmed))
	a.setFlash(c, "Usulan dikembalikan ke BKD untuk koreksi.")
	redirect(c, "/review")
	return nil
}

// reviewCorrections reads the correction_<candidate id> fields; names without a valid id are
// ignored, and so are ids that are not rows of the proposal, when storage saves them.
func reviewCorrections(c *gin.Context) (map[int64]string, error) {
	out := map[int64]string{}
	if err := c.Request.ParseForm(); err != nil {
		return nil, err
	}
	for name, values := range c.Request.PostForm {
		raw, ok := strings.CutPrefix(name, "correction_")
		if !ok || len(values) == 0 {
			continue
		}
		cid, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || cid <= 0 {
			continue
		}
		out[cid] = values[0]
	}
	return out, nil
}
