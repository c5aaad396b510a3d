package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestProposalListOwnAgencyOnly(t *testing.T) {
	ta := newTestApp(t)
	own := ta.agencyDraft()
	ta.agencySavedCandidate(own, 0, "Siti Aminah")
	letterB := ta.createLetter(ta.agencyB.ID, "800/77/438.5.2/2026", 5)
	other := ta.createProposal(ta.agencyB.ID, letterB, "opd-b")

	resp := ta.get(ta.login("opd-a"), "/proposals")
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	row := doc.Find(fmt.Sprintf(`#proposal-list tr[data-proposal-id="%d"]`, own))
	if row.Length() != 1 {
		t.Fatal("own proposal not listed")
	}
	if got := row.Find("[data-status]").AttrOr("data-status", ""); got != "draft" {
		t.Errorf("status badge %q, want draft", got)
	}
	if got := strings.TrimSpace(row.Find("td").Eq(3).Text()); got != "1" {
		t.Errorf("candidate count %q, want 1", got)
	}
	if doc.Find(fmt.Sprintf(`tr[data-proposal-id="%d"]`, other)).Length() != 0 {
		t.Error("another agency's proposal listed")
	}
	if doc.Find(`#recommendation_id option[value]`).Length() != 2 {
		t.Errorf("letter choices %d, want the empty choice and the agency's one letter", doc.Find(`#recommendation_id option`).Length())
	}
}

func TestProposalCreate(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/1/438.5.2/2026", 3)
	c := ta.login("opd-a")
	form := url.Values{"recommendation_id": {fmt.Sprint(letter)}, "request_key": {newRequestKey()}}

	first := ta.postForm(c, "/proposals", form)
	mustStatus(t, first, http.StatusSeeOther)
	second := ta.postForm(c, "/proposals", form)
	mustStatus(t, second, http.StatusSeeOther)

	if n := ta.count(`SELECT count(*) FROM proposals WHERE agency_id = $1 AND status = 'draft'`, ta.agencyA.ID); n != 1 {
		t.Errorf("%d drafts after a repeated submit, want 1", n)
	}
	if first.Header.Get("Location") != second.Header.Get("Location") {
		t.Errorf("repeated submit went to %q, want %q", second.Header.Get("Location"), first.Header.Get("Location"))
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE action = 'create'`); n != 1 {
		t.Errorf("%d create events, want 1", n)
	}
}

func TestProposalCreateRefused(t *testing.T) {
	ta := newTestApp(t)
	ta.createLetter(ta.agencyA.ID, "800/1/438.5.2/2026", 3)
	letterB := ta.createLetter(ta.agencyB.ID, "800/2/438.5.2/2026", 3)
	c := ta.login("opd-a")
	cases := []struct {
		name  string
		value string
		want  int
	}{
		{"letter of another agency", fmt.Sprint(letterB), http.StatusNotFound},
		{"missing letter", "999999", http.StatusNotFound},
		{"no letter chosen", "", http.StatusUnprocessableEntity},
		{"not a number", "surat", http.StatusUnprocessableEntity},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := ta.postForm(c, "/proposals", url.Values{"recommendation_id": {tc.value}, "request_key": {newRequestKey()}}, htmxHeaders...)
			mustStatus(t, resp, tc.want)
			if tc.want == http.StatusUnprocessableEntity && fieldErrorBeside(resp.doc(t), "#recommendation_id") == "" {
				t.Error("no error beside the letter choice")
			}
			if n := ta.count(`SELECT count(*) FROM proposals`); n != 0 {
				t.Errorf("%d proposals, want none", n)
			}
		})
	}
}

func TestProposalShow(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	complete := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.attachDocuments(complete)
	partial := ta.agencySavedCandidate(pid, 1, "Dewi Lestari")
	ta.store.DB.MustExec(`UPDATE proposals SET status = 'returned_to_opd', last_reason = 'Kuota terlampaui, kurangi satu calon' WHERE id = $1`, pid)

	resp := ta.get(ta.login("opd-a"), fmt.Sprintf("/proposals/%d", pid))
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	if got := doc.Find("#return-reason").Text(); !strings.Contains(got, "Kuota terlampaui") {
		t.Errorf("return reason %q", got)
	}
	stats := map[string]string{"#quota-total": "10", "#quota-used": "2", "#quota-remaining": "8"}
	for sel, want := range stats {
		if got := strings.TrimSpace(doc.Find(sel).Text()); got != want {
			t.Errorf("%s = %q, want %s", sel, got, want)
		}
	}
	row := doc.Find(fmt.Sprintf(`#candidate-table tr[data-candidate-id="%d"]`, complete))
	if got := row.Find("td").First().Text(); got != "Siti Aminah, A.Md.Kep." {
		t.Errorf("name cell %q, want the name with titles", got)
	}
	if got := row.Find(".completeness").Text(); !strings.Contains(got, "Lengkap") {
		t.Errorf("complete candidate shows %q", got)
	}
	partialRow := doc.Find(fmt.Sprintf(`#candidate-table tr[data-candidate-id="%d"]`, partial))
	if got := partialRow.Find(".completeness").Text(); !strings.Contains(got, "KTP") {
		t.Errorf("candidate without documents shows %q, want the missing KTP named", got)
	}
	if doc.Find("#add-candidate").Length() != 1 {
		t.Error("no add button on a returned proposal")
	}
	if doc.Find("#submit-proposal").Length() != 1 {
		t.Error("no submit button on a returned proposal")
	}
	if doc.Find("#timeline li").Length() < 3 {
		t.Errorf("timeline has %d lines, want the creation and both additions", doc.Find("#timeline li").Length())
	}
}

func TestProposalShowSubmittedReadOnly(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.store.DB.MustExec(`UPDATE proposals SET status = 'submitted' WHERE id = $1`, pid)

	doc := ta.get(ta.login("opd-a"), fmt.Sprintf("/proposals/%d", pid)).doc(t)
	for _, sel := range []string{"#add-candidate", "#submit-proposal", "form.remove-candidate"} {
		if doc.Find(sel).Length() != 0 {
			t.Errorf("%s shown on a submitted proposal", sel)
		}
	}
}

func TestAgencyPagesRefuseOtherRoles(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	employee := ta.agencyEmployee(ta.agencyA.ID, 3, "Pegawai Lama")
	paths := []string{
		"/proposals", fmt.Sprintf("/proposals/%d", pid), fmt.Sprintf("/proposals/%d/candidates/new", pid),
		fmt.Sprintf("/candidates/%d", id), "/employees", fmt.Sprintf("/employees/%d", employee), "/evaluations",
	}
	for _, user := range []string{"bkd", "superadmin"} {
		c := ta.login(user)
		for _, path := range paths {
			t.Run(user+path, func(t *testing.T) {
				if resp := ta.get(c, path); resp.StatusCode != http.StatusForbidden {
					t.Errorf("status %d, want 403", resp.StatusCode)
				}
			})
		}
	}
}

func TestAgencyPagesHideOtherAgency(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	employee := ta.agencyEmployee(ta.agencyA.ID, 3, "Pegawai Lama")
	c := ta.login("opd-b")
	for _, path := range []string{
		fmt.Sprintf("/proposals/%d", pid), fmt.Sprintf("/candidates/%d", id), fmt.Sprintf("/employees/%d", employee),
		"/proposals/999999", "/candidates/abc",
	} {
		t.Run(path, func(t *testing.T) {
			if resp := ta.get(c, path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
		})
	}
}
