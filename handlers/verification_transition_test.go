package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sinop/domain"
)

func TestVerificationReturnToAgency(t *testing.T) {
	ta := newTestApp(t)
	pid, _ := ta.verificationFixture(5, 1, false)

	resp := ta.postForm(ta.login("bkd"), fmt.Sprintf("/verification/%d/return", pid),
		workflowForm(ta.workflowVersionOf(pid), "reason", "  Berkas KK buram  "))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/verification" {
		t.Errorf("Location %q, want /verification", got)
	}
	if got := ta.workflowStatusOf(pid); got != domain.StatusReturnedToOPD {
		t.Errorf("status %s, want returned_to_opd", got)
	}
	if n := ta.count(`SELECT count(*) FROM proposals WHERE id = $1 AND last_reason = 'Berkas KK buram'`, pid); n != 1 {
		t.Error("return reason not stored trimmed on the proposal")
	}
}

func TestVerificationReturnNeedsReason(t *testing.T) {
	cases := []struct {
		name    string
		quota   int
		reason  string
		message string
	}{
		{"within quota", 5, " ", "Alasan pengembalian wajib diisi."},
		{"over quota", 1, "", "Alasan wajib diisi karena jumlah calon melebihi kuota surat rekomendasi."},
		{"too long", 5, strings.Repeat("x", workflowMaxReason+1), "Alasan paling banyak 1000 karakter."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid, _ := ta.verificationFixture(tc.quota, 2, false)
			before := ta.workflowSnapshot()

			resp := ta.postForm(ta.login("bkd"), fmt.Sprintf("/verification/%d/return", pid),
				workflowForm(ta.workflowVersionOf(pid), "reason", tc.reason))
			requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
			doc := resp.doc(t)
			if got := doc.Find("#return-form .field-error").Text(); got != tc.message {
				t.Errorf("message %q, want %q", got, tc.message)
			}
			if got := doc.Find("#return-form textarea[name=reason]").Text(); got != tc.reason {
				t.Errorf("reason field %q, want the typed text kept", got)
			}
			if after := ta.workflowSnapshot(); after != before {
				t.Errorf("refused return changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestVerificationSendRefusals(t *testing.T) {
	cases := []struct {
		name    string
		quota   int
		decide  []domain.Decision
		wantErr error
	}{
		{"row pending", 5, []domain.Decision{domain.DecisionAccepted, domain.DecisionPending}, domain.ErrUndecided},
		{"over quota", 1, []domain.Decision{domain.DecisionAccepted, domain.DecisionAccepted}, domain.ErrOverQuota},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid, ids := ta.verificationFixture(tc.quota, len(tc.decide), false)
			for i, d := range tc.decide {
				if d != domain.DecisionPending {
					ta.workflowDecide(pid, ids[i], d, "")
				}
			}
			before := ta.workflowSnapshot()

			resp := ta.postForm(ta.login("bkd"), fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
			requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
			if got := resp.doc(t).Find("#action-error").Text(); got != workflowSentence(tc.wantErr.Error()) {
				t.Errorf("message %q, want %q", got, workflowSentence(tc.wantErr.Error()))
			}
			if after := ta.workflowSnapshot(); after != before {
				t.Errorf("refused send changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestVerificationSendAndResend(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	bkd := ta.login("bkd")

	resp := ta.postForm(bkd, fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowStatusOf(pid); got != domain.StatusInFinalReview {
		t.Fatalf("status %s after send, want in_final_review", got)
	}
	ta.workflowMustMove(pid, "superadmin", domain.ActionReturnToBKD, "Periksa lagi")

	resp = ta.postForm(bkd, fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowStatusOf(pid); got != domain.StatusInFinalReview {
		t.Errorf("status %s after resend, want in_final_review", got)
	}
	var actions []string
	if err := ta.store.DB.Select(&actions, `
		SELECT action FROM proposal_events WHERE proposal_id = $1 AND candidate_id IS NULL ORDER BY id`, pid); err != nil {
		t.Fatal(err)
	}
	want := "create,submit,send_to_superadmin,return_to_bkd,resend"
	if got := strings.Join(actions, ","); got != want {
		t.Errorf("timeline %s, want %s", got, want)
	}
}

func TestVerificationSendWrongStatus(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	before := ta.workflowSnapshot()

	// The form's version is current, so this is the status rule, not a race.
	resp := ta.postForm(ta.login("bkd"), fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	if got := resp.doc(t).Find("#action-error").Text(); got != workflowSentence(domain.ErrWrongStatus.Error()) {
		t.Errorf("message %q, want the wrong-status rule", got)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused send changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestVerificationSendStaleVersion(t *testing.T) {
	ta := newTestApp(t)
	ta.workflowAddBKD()
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	stale := ta.workflowVersionOf(pid)
	requireWorkflowStatus(t, ta.postForm(ta.login("bkd2"), fmt.Sprintf("/verification/%d/send", pid), workflowForm(stale)),
		http.StatusSeeOther)
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("bkd"), fmt.Sprintf("/verification/%d/send", pid), workflowForm(stale))
	requireWorkflowStatus(t, resp, http.StatusConflict)
	if msg := resp.doc(t).Find("#action-error").Text(); !strings.Contains(msg, "Verifikator Kedua") {
		t.Errorf("conflict message %q does not name the winner", msg)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("stale send changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
