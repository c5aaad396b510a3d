package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sinop/domain"
)

func TestVerificationAcceptSwapsRow(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 2, false)
	bkd := ta.login("bkd")

	resp := ta.postForm(bkd, verificationDecidePath(pid, ids[0], "accept"), workflowForm(1), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusOK)
	doc := workflowFragment(t, resp)

	row := doc.Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
	if row.Length() != 1 {
		t.Fatalf("response has %d rows for the candidate, want 1:\n%s", row.Length(), resp.body)
	}
	if got, _ := row.Attr("data-decision"); got != "accepted" {
		t.Errorf("row data-decision %q, want accepted", got)
	}
	if got := row.Find(`input[name=version]`).First().AttrOr("value", ""); got != "2" {
		t.Errorf("row forms carry version %q, want 2", got)
	}
	if got := doc.Find("tr").Length(); got != 1 {
		t.Errorf("fragment has %d rows, want only the decided one", got)
	}
	summary := doc.Find(`#verification-summary[hx-swap-oob]`)
	if summary.Length() != 1 {
		t.Fatal("fragment lacks the out-of-band summary")
	}
	if got := strings.TrimSpace(summary.Find("#decided-count").Text()); got != "1 / 2" {
		t.Errorf("decided count %q, want 1 / 2", got)
	}
	if doc.Find(`#verification-send[hx-swap-oob] #send-button[disabled]`).Length() != 1 {
		t.Error("send button is not sent out of band, disabled while a row is pending")
	}
	// A browser drops a <form> that follows a <tr> unless it sits inside a template element.
	if doc.Find(`template #verification-send form#send-form #send-button`).Length() != 1 {
		t.Error("out-of-band send form is not wrapped in a template element")
	}
	if doc.Find("header.site, main#main").Length() != 0 {
		t.Error("fragment contains the page layout")
	}

	got := ta.workflowCandidate(ids[0])
	if got.Decision != domain.DecisionAccepted {
		t.Errorf("decision %s, want accepted", got.Decision)
	}
	if got.DecidedBy.Int64 != ta.userIDs["bkd"] {
		t.Errorf("decided_by %v, want the bkd user %d", got.DecidedBy, ta.userIDs["bkd"])
	}
	if got.Version != 2 {
		t.Errorf("version %d, want 2", got.Version)
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND decided_at IS NOT NULL`, ids[0]); n != 1 {
		t.Error("decided_at not set")
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE action = 'accept' AND candidate_id = $1`, ids[0]); n != 1 {
		t.Errorf("accept events for the candidate = %d, want 1", n)
	}
	if got := ta.workflowCandidate(ids[1]); got.Decision != domain.DecisionPending {
		t.Errorf("other candidate's decision %s, want pending", got.Decision)
	}
}

func TestVerificationLastDecisionEnablesSend(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 2, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[1], "reject"),
		workflowForm(1, "reason", "Ijazah bukan D3"), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusOK)
	button := workflowFragment(t, resp).Find(`#verification-send #send-button`)
	if button.Length() != 1 {
		t.Fatal("fragment lacks the send button")
	}
	if _, disabled := button.Attr("disabled"); disabled {
		t.Error("send button disabled after every row is decided")
	}
}

func TestVerificationRejectStoresReason(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(1, 2, false)
	bkd := ta.login("bkd")

	resp := ta.postForm(bkd, verificationDecidePath(pid, ids[1], "reject"),
		workflowForm(1, "reason", "  Ijazah tidak dilegalisir  "), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusOK)

	got := ta.workflowCandidate(ids[1])
	if got.Decision != domain.DecisionRejected {
		t.Errorf("decision %s, want rejected", got.Decision)
	}
	if got.Reason != "Ijazah tidak dilegalisir" {
		t.Errorf("reason %q, want it trimmed", got.Reason)
	}
	events := ta.count(`SELECT count(*) FROM proposal_events WHERE action = 'reject' AND candidate_id = $1
		AND reason = 'Ijazah tidak dilegalisir'`, ids[1])
	if events != 1 {
		t.Errorf("reject events with the reason = %d, want 1", events)
	}
	// Rejecting frees a place: two candidates on a quota of one fit once one is rejected.
	doc := workflowFragment(t, resp)
	if got := strings.TrimSpace(doc.Find("#quota-remaining").Text()); got != "0" {
		t.Errorf("remaining quota %q, want 0", got)
	}
	if doc.Find("#over-quota-notice").Length() != 0 {
		t.Error("over-quota notice still shown after the rejection")
	}
}

func TestVerificationRejectNeedsReason(t *testing.T) {
	cases := []struct {
		name   string
		reason string
	}{
		{"empty", ""},
		{"blanks", "   \n  "},
		{"too long", strings.Repeat("a", workflowMaxReason+1)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid, ids := ta.verificationFixture(5, 1, false)
			before := ta.workflowSnapshot()

			resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "reject"),
				workflowForm(1, "reason", tc.reason), workflowHTMX...)
			requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
			row := workflowFragment(t, resp).Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
			if row.Length() != 1 {
				t.Fatalf("422 response is not the row fragment:\n%s", resp.body)
			}
			if _, open := row.Find("details.reject").Attr("open"); !open {
				t.Error("reject field is closed; it must stay open beside its message")
			}
			if row.Find("details.reject .field-error").Length() != 1 {
				t.Error("no message beside the reason field")
			}
			if got := row.Find(`textarea[name=reason]`).Text(); got != tc.reason {
				t.Errorf("reason field %q, want the typed %q", got, tc.reason)
			}
			if after := ta.workflowSnapshot(); after != before {
				t.Errorf("refused reject changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestVerificationStaleVersionNamesWinner(t *testing.T) {
	ta := newTestApp(t)
	ta.workflowAddBKD()
	pid, ids := ta.verificationFixture(5, 1, false)

	first := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "accept"), workflowForm(1), workflowHTMX...)
	requireWorkflowStatus(t, first, http.StatusOK)
	before := ta.workflowSnapshot()

	second := ta.postForm(ta.login("bkd2"), verificationDecidePath(pid, ids[0], "reject"),
		workflowForm(1, "reason", "Dokumen kurang"), workflowHTMX...)
	requireWorkflowStatus(t, second, http.StatusConflict)
	row := workflowFragment(t, second).Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
	message := row.Find(".row-message").Text()
	if !strings.Contains(message, "Verifikator BKD") {
		t.Errorf("conflict message %q does not name the winner", message)
	}
	if got, _ := row.Attr("data-decision"); got != "accepted" {
		t.Errorf("row shows decision %q, want the winner's accepted", got)
	}
	if got := row.Find(`textarea[name=reason]`).Text(); got != "Dokumen kurang" {
		t.Errorf("reason field %q, want the loser's text kept", got)
	}
	if got := row.Find(`input[name=version]`).First().AttrOr("value", ""); got != "2" {
		t.Errorf("row carries version %q, want the current 2", got)
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("stale reject changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestVerificationDecisionWrongStatus(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "reject"),
		workflowForm(ta.workflowCandidateVersion(ids[0]), "reason", "Berubah pikiran"), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	row := workflowFragment(t, resp).Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
	if msg := row.Find(".row-message").Text(); !strings.Contains(msg, domain.StatusInFinalReview.Label()) {
		t.Errorf("message %q does not name the status", msg)
	}
	if row.Find("form.accept-form, form.reject-form").Length() != 0 {
		t.Error("row still offers decisions outside BKD's statuses")
	}
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused decision changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestVerificationDecisionOtherProposal(t *testing.T) {
	ta := newTestApp(t)
	pid, _ := ta.verificationFixture(5, 1, false)
	_, other := ta.verificationFixture(5, 1, false)
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, other[0], "accept"), workflowForm(1), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusNotFound)
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("decision through another proposal changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestVerificationAcceptWithoutHTMXRedirects(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "accept"), workflowForm(1))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	want := fmt.Sprintf("/verification/%d#candidate-%d", pid, ids[0])
	if got := resp.Header.Get("Location"); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if got := ta.workflowCandidate(ids[0]).Decision; got != domain.DecisionAccepted {
		t.Errorf("decision %s, want accepted", got)
	}
}

func TestVerificationRejectWithoutHTMXShowsPage(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 2, false)

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[1], "reject"), workflowForm(1, "reason", " "))
	requireWorkflowStatus(t, resp, http.StatusUnprocessableEntity)
	doc := resp.doc(t)
	if doc.Find("header.site").Length() != 1 {
		t.Error("plain post did not get the whole page")
	}
	errorsShown := doc.Find("tr.candidate-row .field-error")
	if errorsShown.Length() != 1 {
		t.Fatalf("%d rows show a field error, want 1", errorsShown.Length())
	}
	if got := errorsShown.Closest("tr").AttrOr("id", ""); got != fmt.Sprintf("candidate-%d", ids[1]) {
		t.Errorf("field error on row %q, want the rejected candidate's", got)
	}
}

func TestVerificationChangeKeepsCorrection(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	sa := ta.login("superadmin")
	requireWorkflowStatus(t, ta.postForm(sa, fmt.Sprintf("/review/%d/return", pid), workflowForm(ta.workflowVersionOf(pid),
		"reason", "Periksa ulang", fmt.Sprintf("correction_%d", ids[0]), "Ijazah belum dilegalisir")), http.StatusSeeOther)

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "reject"),
		workflowForm(ta.workflowCandidateVersion(ids[0]), "reason", "Ijazah belum dilegalisir"), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusOK)

	got := ta.workflowCandidate(ids[0])
	if got.Decision != domain.DecisionRejected {
		t.Errorf("decision %s, want rejected", got.Decision)
	}
	if got.Correction != "Ijazah belum dilegalisir" {
		t.Errorf("correction %q, want the superadmin's kept", got.Correction)
	}
	row := workflowFragment(t, resp).Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
	if !strings.Contains(row.Find(".correction").Text(), "Ijazah belum dilegalisir") {
		t.Error("row does not show the superadmin's correction")
	}
}

func TestVerificationAcceptClearsRejectionReason(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionRejected, "Salah jurusan")

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(pid, ids[0], "accept"),
		workflowForm(ta.workflowCandidateVersion(ids[0])), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusOK)
	got := ta.workflowCandidate(ids[0])
	if got.Decision != domain.DecisionAccepted {
		t.Errorf("decision %s, want accepted", got.Decision)
	}
	if got.Reason != "" {
		t.Errorf("decision reason %q left on an accepted candidate", got.Reason)
	}
}

// workflowTexts returns the text of every match, trimmed, for short comparisons in failures.
func workflowTexts(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}
