package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sinop/domain"
)

// reviewFixture returns a proposal in final review whose candidates carry the given decisions.
func (ta *testApp) reviewFixture(quota int, withDocuments bool, decisions ...domain.Decision) (int64, []int64) {
	ta.t.Helper()
	pid, ids := ta.verificationFixture(quota, len(decisions), withDocuments)
	for i, d := range decisions {
		reason := ""
		if d == domain.DecisionRejected {
			reason = "Ijazah tidak sesuai"
		}
		ta.workflowDecide(pid, ids[i], d, reason)
	}
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	return pid, ids
}

func TestReviewPageReadOnlyTable(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.reviewFixture(5, true, domain.DecisionAccepted, domain.DecisionRejected)

	resp := ta.get(ta.login("superadmin"), fmt.Sprintf("/review/%d", pid))
	requireWorkflowStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)
	if doc.Find("form.accept-form, form.reject-form").Length() != 0 {
		t.Error("review page offers BKD's row decisions")
	}
	rejected := doc.Find(fmt.Sprintf("tr#candidate-%d", ids[1]))
	if !strings.Contains(rejected.Find(".decision-reason").Text(), "Ijazah tidak sesuai") {
		t.Error("BKD's rejection reason not shown")
	}
	if got := doc.Find(fmt.Sprintf("tr#candidate-%d a.doc-link", ids[0])).Length(); got != 6 {
		t.Errorf("%d document links, want 6", got)
	}
	field := doc.Find(fmt.Sprintf(`textarea[name=correction_%d]`, ids[0]))
	if got := field.AttrOr("form", ""); got != "review-return-form" {
		t.Errorf("correction field belongs to form %q, want review-return-form", got)
	}
	if doc.Find("#review-return-form textarea[name=reason]").Length() != 1 {
		t.Error("overall reason field missing")
	}
	if doc.Find("#review-approve-form #review-approve-button").Length() != 1 {
		t.Error("approve button missing")
	}
	if got := strings.TrimSpace(doc.Find("#accepted-count").Text()); got != "1" {
		t.Errorf("accepted count %q, want 1", got)
	}
}

func TestReviewPageClosedOutsideFinalReview(t *testing.T) {
	ta := newTestApp(t)
	pid, _ := ta.verificationFixture(5, 1, false)

	doc := ta.get(ta.login("superadmin"), fmt.Sprintf("/review/%d", pid)).doc(t)
	if doc.Find("#review-return-form, #review-approve-form, textarea.correction-field").Length() != 0 {
		t.Error("review actions offered on a proposal BKD still holds")
	}
	if doc.Find("#review-closed").Length() != 1 {
		t.Error("page does not say why there is nothing to do")
	}
}

func TestReviewReturnSavesCorrections(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.reviewFixture(5, false, domain.DecisionAccepted, domain.DecisionAccepted, domain.DecisionRejected)
	other, otherIDs := ta.reviewFixture(5, false, domain.DecisionAccepted)
	// A correction left from an earlier round must go when the superadmin no longer requests it.
	if _, err := ta.store.DB.Exec(`UPDATE candidates SET correction_reason = 'Koreksi lama' WHERE id = $1`, ids[1]); err != nil {
		t.Fatal(err)
	}
	otherBefore := ta.workflowCandidate(otherIDs[0])

	resp := ta.postForm(ta.login("superadmin"), fmt.Sprintf("/review/%d/return", pid), workflowForm(ta.workflowVersionOf(pid),
		"reason", "Dua calon perlu dicek ulang",
		fmt.Sprintf("correction_%d", ids[0]), "  Ijazah D3 belum dilegalisir  ",
		fmt.Sprintf("correction_%d", ids[2]), "   ",
		fmt.Sprintf("correction_%d", otherIDs[0]), "Bukan usulan ini",
		"correction_abc", "diabaikan"))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/review" {
		t.Errorf("Location %q, want /review", got)
	}

	if got := ta.workflowStatusOf(pid); got != domain.StatusReturnedToBKD {
		t.Errorf("status %s, want returned_to_bkd", got)
	}
	wants := map[int64]string{ids[0]: "Ijazah D3 belum dilegalisir", ids[1]: "", ids[2]: ""}
	for cid, want := range wants {
		if got := ta.workflowCandidate(cid).Correction; got != want {
			t.Errorf("candidate %d correction %q, want %q", cid, got, want)
		}
	}
	if got := ta.workflowCandidate(otherIDs[0]); got != otherBefore {
		t.Errorf("candidate of another proposal changed: %+v, was %+v", got, otherBefore)
	}
	if got := ta.workflowStatusOf(other); got != domain.StatusInFinalReview {
		t.Errorf("other proposal status %s, want in_final_review", got)
	}
	events := ta.count(`SELECT count(*) FROM proposal_events WHERE proposal_id = $1 AND action = 'return_to_bkd'
		AND reason = 'Dua calon perlu dicek ulang'`, pid)
	if events != 1 {
		t.Errorf("return events with the reason = %d, want 1", events)
	}
}

func TestReviewReturnNeedsReason(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.reviewFixture(5, false, domain.DecisionAccepted, domain.DecisionRejected)
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("superadmin"), fmt.Sprintf("/review/%d/return", pid), workflowForm(ta.workflowVersionOf(pid),
		"reason", "  ", fmt.Sprintf("correction_%d", ids[1]), "Alasan penolakan kurang jelas"))
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	doc := resp.doc(t)
	if doc.Find("#review-return-form .field-error").Length() != 1 {
		t.Error("no message beside the overall reason")
	}
	if got := doc.Find(fmt.Sprintf(`textarea[name=correction_%d]`, ids[1])).Text(); got != "Alasan penolakan kurang jelas" {
		t.Errorf("correction field %q, want the typed text kept", got)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused return changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestReviewApproveRefusesIncomplete(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.reviewFixture(5, true, domain.DecisionAccepted, domain.DecisionAccepted)
	// The second candidate lost its KTP and its TMT: approval must not admit it half-filled.
	if _, err := ta.store.DB.Exec(`
		UPDATE documents d SET superseded_at = now() FROM candidate_documents cd
		WHERE cd.document_id = d.id AND cd.candidate_id = $1 AND d.kind = 'ktp'`, ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.store.DB.Exec(`UPDATE candidates SET start_date = NULL WHERE id = $1`, ids[1]); err != nil {
		t.Fatal(err)
	}
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("superadmin"), fmt.Sprintf("/review/%d/approve", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	message := resp.doc(t).Find("#action-error").Text()
	for _, want := range []string{"Calon B", "KTP", "TMT"} {
		if !strings.Contains(message, want) {
			t.Errorf("approve error %q does not mention %q", message, want)
		}
	}
	if strings.Contains(message, "Calon A") {
		t.Errorf("approve error %q names the complete candidate", message)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused approval changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestReviewApproveRollsBackOnFailure(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.reviewFixture(5, true, domain.DecisionAccepted, domain.DecisionAccepted)
	// A broken row: the second candidate's NIK claim is gone, which approval detects after it
	// has already inserted employees and linked documents.
	if _, err := ta.store.DB.Exec(`DELETE FROM active_niks WHERE candidate_id = $1`, ids[1]); err != nil {
		t.Fatal(err)
	}
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("superadmin"), fmt.Sprintf("/review/%d/approve", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusInternalServerError)
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("failed approval left rows behind:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestReviewApproveRechecksQuota(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/30/2026", 2)
	newSent := func(n int) int64 {
		pid := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
		for range n {
			cid := ta.insertCandidate(ta.completeCandidate(pid, ta.count(`SELECT count(*) FROM candidates`), "Calon"))
			ta.attachDocuments(cid)
		}
		ta.workflowMustMove(pid, "opd-a", domain.ActionSubmit, "")
		var cids []int64
		if err := ta.store.DB.Select(&cids, `SELECT id FROM candidates WHERE proposal_id = $1`, pid); err != nil {
			t.Fatal(err)
		}
		for _, cid := range cids {
			ta.workflowDecide(pid, cid, domain.DecisionAccepted, "")
		}
		ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
		return pid
	}
	// Each fits the letter alone; together they need three of its two places.
	first, second := newSent(2), newSent(1)
	sa := ta.login("superadmin")
	requireWorkflowStatus(t, ta.postForm(sa, fmt.Sprintf("/review/%d/approve", first), workflowForm(ta.workflowVersionOf(first))),
		http.StatusSeeOther)
	before := ta.workflowSnapshot()

	resp := ta.postForm(sa, fmt.Sprintf("/review/%d/approve", second), workflowForm(ta.workflowVersionOf(second)))
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	if got := resp.doc(t).Find("#action-error").Text(); got != workflowSentence(domain.ErrOverQuota.Error()) {
		t.Errorf("approve error %q, want the over-quota rule", got)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused approval changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestReviewStaleVersionConflict(t *testing.T) {
	ta := newTestApp(t)
	pid, _ := ta.reviewFixture(5, true, domain.DecisionAccepted)
	stale := ta.workflowVersionOf(pid)
	sa := ta.login("superadmin")
	requireWorkflowStatus(t, ta.postForm(sa, fmt.Sprintf("/review/%d/return", pid),
		workflowForm(stale, "reason", "Periksa lagi")), http.StatusSeeOther)
	before := ta.workflowSnapshot()

	resp := ta.postForm(sa, fmt.Sprintf("/review/%d/approve", pid), workflowForm(stale))
	requireWorkflowStatus(t, resp, http.StatusConflict)
	if msg := resp.doc(t).Find("#action-error").Text(); !strings.Contains(msg, "Kepala BKD") {
		t.Errorf("conflict message %q does not name who changed the proposal", msg)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("stale approval changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
