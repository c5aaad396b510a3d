package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func (ta *testApp) proposalVersion(pid int64) int {
	ta.t.Helper()
	return ta.count(`SELECT version FROM proposals WHERE id = $1`, pid)
}

func (ta *testApp) proposalStatus(pid int64) string {
	ta.t.Helper()
	var status string
	if err := ta.store.DB.Get(&status, `SELECT status FROM proposals WHERE id = $1`, pid); err != nil {
		ta.t.Fatal(err)
	}
	return status
}

func TestProposalSubmitComplete(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.attachDocuments(id)

	resp := ta.postForm(ta.login("opd-a"), fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}})
	mustStatus(t, resp, http.StatusSeeOther)

	if got := ta.proposalStatus(pid); got != "submitted" {
		t.Errorf("status %s, want submitted", got)
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE proposal_id = $1 AND action = 'submit' AND to_status = 'submitted'`, pid); n != 1 {
		t.Errorf("%d submit events, want 1", n)
	}
}

func TestProposalSubmitUnmarriedNeedsNoSpousePhoto(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")
	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("marital_status", "belum_kawin")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form), http.StatusSeeOther)
	id := ta.candidateIDByNIK(testNIK(0, true))
	for kind, file := range map[string]string{"photo": "foto-diri.jpg", "ktp": "ktp-scan.jpg", "kk": "kk-scan.png",
		"diploma": "ijazah-scan.pdf", "first_pk": "pk-pertama.pdf"} {
		ta.attachDocument(id, kind, file)
	}

	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}}), http.StatusSeeOther)
	if got := ta.proposalStatus(pid); got != "submitted" {
		t.Errorf("status %s, want submitted", got)
	}
}

func TestProposalSubmitIncomplete(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	complete := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.attachDocuments(complete)
	c := ta.login("opd-a")
	form := url.Values{"nik": {testNIK(1, false)}, "full_name": {"Budi Santoso"}, "request_key": {newRequestKey()}}
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form), http.StatusSeeOther)
	partial := ta.candidateIDByNIK(testNIK(1, false))
	ta.attachDocument(partial, "ktp", "ktp-scan.jpg")

	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}}, htmxHeaders...)
	mustStatus(t, resp, http.StatusUnprocessableEntity)
	doc := resp.doc(t)

	if doc.Find(fmt.Sprintf(`#submit-problems li[data-candidate-id="%d"]`, complete)).Length() != 0 {
		t.Error("complete candidate listed as a problem")
	}
	problem := doc.Find(fmt.Sprintf(`#submit-problems li[data-candidate-id="%d"]`, partial)).Text()
	for _, want := range []string{"Budi Santoso", "No KK", "tanggal lahir", "TMT", "Pas foto", "Ijazah"} {
		if !strings.Contains(problem, want) {
			t.Errorf("problem %q does not name %q", problem, want)
		}
	}
	_, documents, _ := strings.Cut(problem, "Dokumen belum diunggah:")
	for _, present := range []string{"KTP", "Foto suami/istri"} {
		if strings.Contains(documents, present) {
			t.Errorf("missing documents %q name %q, which is uploaded or not required", documents, present)
		}
	}
	for _, optional := range []string{"golongan darah", "email", "telepon", "NPWP", "gelar"} {
		if strings.Contains(problem, optional) {
			t.Errorf("problem %q names the optional %q", problem, optional)
		}
	}
	if doc.Find("#submit-proposal").Length() != 1 {
		t.Error("fragment lacks the submit button")
	}
	if got := ta.proposalStatus(pid); got != "draft" {
		t.Errorf("status %s, want draft", got)
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE action = 'submit'`); n != 0 {
		t.Errorf("%d submit events, want none", n)
	}
}

func TestProposalSubmitEmpty(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()

	resp := ta.postForm(ta.login("opd-a"), fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}})
	mustStatus(t, resp, http.StatusUnprocessableEntity)
	if got := resp.doc(t).Find("#submit-problems").Text(); !strings.Contains(got, "belum berisi calon") {
		t.Errorf("message %q", got)
	}
	if got := ta.proposalStatus(pid); got != "draft" {
		t.Errorf("status %s, want draft", got)
	}
}

func TestProposalSubmitRefused(t *testing.T) {
	cases := []struct {
		name    string
		user    string
		version string
		want    int
	}{
		{"stale version", "opd-a", "1", http.StatusConflict},
		{"other agency", "opd-b", "2", http.StatusNotFound},
		{"BKD", "bkd", "2", http.StatusForbidden},
		{"superadmin", "superadmin", "2", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid := ta.agencyDraft()
			id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
			ta.attachDocuments(id)
			// The proposal is at version 2, so a form that read version 1 is stale.
			ta.store.DB.MustExec(`UPDATE proposals SET version = 2 WHERE id = $1`, pid)

			resp := ta.postForm(ta.login(tc.user), fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {tc.version}})
			mustStatus(t, resp, tc.want)
			if tc.want == http.StatusConflict && !strings.Contains(resp.body, "Admin Dinkes") {
				t.Error("conflict message does not name who changed the proposal")
			}
			if got := ta.proposalStatus(pid); got != "draft" {
				t.Errorf("status %s, want draft", got)
			}
			if v := ta.proposalVersion(pid); v != 2 {
				t.Errorf("version %d, want 2", v)
			}
		})
	}
}

func TestProposalSubmitTwice(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.attachDocuments(id)
	c := ta.login("opd-a")

	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}}), http.StatusSeeOther)
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/submit", pid), url.Values{"version": {"1"}}), http.StatusConflict)
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE action = 'submit'`); n != 1 {
		t.Errorf("%d submit events, want 1", n)
	}
}
