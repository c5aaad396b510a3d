package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// agencySavedCandidate stores the n-th test person in the proposal through the form, as opd-a,
// and returns the candidate's id.
func (ta *testApp) agencySavedCandidate(pid int64, n int, name string) int64 {
	ta.t.Helper()
	resp := ta.postForm(ta.login("opd-a"), fmt.Sprintf("/proposals/%d/candidates", pid), ta.agencyCandidateForm(n, name))
	if resp.StatusCode != http.StatusSeeOther {
		ta.t.Fatalf("create candidate: status %d; body: %s", resp.StatusCode, resp.body)
	}
	return ta.candidateIDByNIK(testNIK(n, true))
}

func (ta *testApp) candidateVersion(id int64) int {
	ta.t.Helper()
	return ta.count(`SELECT version FROM candidates WHERE id = $1`, id)
}

func TestCandidateUpdateSaves(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah Rahayu")
	form.Set("version", strconv.Itoa(ta.candidateVersion(id)))
	form.Set("address_domicile", "")
	form.Set("domicile_same_as_ktp", "1")
	resp := ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form)
	mustStatus(t, resp, http.StatusSeeOther)

	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND full_name = 'Siti Aminah Rahayu'`, id); n != 1 {
		t.Error("new name not stored")
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND address_domicile = address_ktp`, id); n != 1 {
		t.Error("domicile not copied from the KTP address")
	}
	if v := ta.candidateVersion(id); v != 2 {
		t.Errorf("version %d, want 2", v)
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE candidate_id = $1 AND action = 'update_candidate'`, id); n != 1 {
		t.Errorf("%d edit events, want 1", n)
	}
}

func TestCandidateUpdateStaleVersion(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	first := ta.agencyCandidateForm(0, "Siti Aminah Rahayu")
	first.Set("version", "1")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), first), http.StatusSeeOther)

	second := ta.agencyCandidateForm(0, "Siti Aminah Lestari")
	second.Set("version", "1")
	resp := ta.postForm(c, fmt.Sprintf("/candidates/%d", id), second)
	mustStatus(t, resp, http.StatusConflict)
	if !strings.Contains(resp.body, "Admin Dinkes") {
		t.Error("conflict message does not name who changed the candidate")
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND full_name = 'Siti Aminah Rahayu'`, id); n != 1 {
		t.Error("the stale save overwrote the first one")
	}
}

func TestCandidateUpdateMovesNIKClaim(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(5, "Siti Aminah")
	form.Set("version", "1")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form), http.StatusSeeOther)

	if n := ta.count(`SELECT count(*) FROM active_niks WHERE nik = $1 AND candidate_id = $2`, testNIK(5, true), id); n != 1 {
		t.Error("new NIK not claimed by the candidate")
	}
	if n := ta.count(`SELECT count(*) FROM active_niks WHERE nik = $1`, testNIK(0, true)); n != 0 {
		t.Error("old NIK still claimed")
	}
}

func TestCandidateUpdateDuplicateNIK(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.agencyEmployee(ta.agencyB.ID, 7, "Pegawai Disdik")
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(7, "Siti Aminah Baru")
	form.Set("version", "1")
	resp := ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form, htmxHeaders...)
	mustStatus(t, resp, http.StatusUnprocessableEntity)
	doc := resp.doc(t)

	if got := fieldErrorBeside(doc, "#nik"); got != "NIK sudah terdaftar aktif di register atau usulan OPD lain" {
		t.Errorf("error beside NIK %q", got)
	}
	if got := inputValue(doc, "nik"); got != testNIK(7, true) {
		t.Errorf("NIK shows %q, want the typed one", got)
	}
	if strings.Contains(resp.body, ta.agencyB.Name) {
		t.Error("response names the other agency")
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND nik = $2 AND full_name = 'Siti Aminah' AND version = 1`, id, testNIK(0, true)); n != 1 {
		t.Error("candidate changed")
	}
	if n := ta.count(`SELECT count(*) FROM active_niks WHERE candidate_id = $1 AND nik = $2`, id, testNIK(0, true)); n != 1 {
		t.Error("candidate lost its NIK claim")
	}
}

func TestCandidateUpdateRejectsBadInput(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("version", "1")
	form.Set("nik", "351501410595000")
	form.Set("birth_date", "1995-02-30")
	resp := ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form, htmxHeaders...)
	mustStatus(t, resp, http.StatusUnprocessableEntity)
	doc := resp.doc(t)

	for _, field := range []string{"nik", "birth_date"} {
		if fieldErrorBeside(doc, "#"+field) == "" {
			t.Errorf("no error beside %s", field)
		}
	}
	if got := inputValue(doc, "version"); got != "1" {
		t.Errorf("version shows %q, want the one the form read", got)
	}
	if v := ta.candidateVersion(id); v != 1 {
		t.Errorf("version %d, want 1: nothing stored", v)
	}
}

func TestCandidateUpdateResetsDecisionWhenReturned(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.store.DB.MustExec(`UPDATE proposals SET status = 'returned_to_opd' WHERE id = $1`, pid)
	ta.store.DB.MustExec(`UPDATE candidates SET decision = 'rejected', decision_reason = 'Ijazah tidak terbaca',
		decided_by = $2, decided_at = now() WHERE id = $1`, id, ta.userIDs["bkd"])
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("version", "1")
	form.Set("education_institution", "Poltekkes Kemenkes Surabaya")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form), http.StatusSeeOther)

	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND decision = 'pending' AND decision_reason = '' AND decided_by IS NULL`, id); n != 1 {
		t.Error("BKD's decision not reset to pending")
	}
}

func TestCandidateUpdateNotEditable(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.store.DB.MustExec(`UPDATE proposals SET status = 'submitted' WHERE id = $1`, pid)
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Nama Lain")
	form.Set("version", "1")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form), http.StatusConflict)
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND full_name = 'Siti Aminah'`, id); n != 1 {
		t.Error("candidate changed")
	}

	page := ta.get(c, fmt.Sprintf("/candidates/%d", id))
	mustStatus(t, page, http.StatusOK)
	doc := page.doc(t)
	if _, disabled := doc.Find("#candidate-form fieldset").Attr("disabled"); !disabled {
		t.Error("form of a submitted proposal is not disabled")
	}
	if n := doc.Find("#save-candidate").Length(); n != 0 {
		t.Error("save button shown on a submitted proposal")
	}
	if n := doc.Find(".document-slot form").Length(); n != 0 {
		t.Errorf("%d upload forms shown on a submitted proposal", n)
	}
}

func TestCandidateUpdateOtherAgency(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-b")

	if resp := ta.get(c, fmt.Sprintf("/candidates/%d", id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("page status %d, want 404", resp.StatusCode)
	}
	form := ta.agencyCandidateForm(0, "Nama Lain")
	form.Set("version", "1")
	if resp := ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form); resp.StatusCode != http.StatusNotFound {
		t.Errorf("update status %d, want 404", resp.StatusCode)
	}
	if v := ta.candidateVersion(id); v != 1 {
		t.Errorf("version %d, want 1", v)
	}
}

func TestCandidateUpdateRepeatedSubmit(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah Rahayu")
	form.Set("version", "1")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form), http.StatusSeeOther)
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/candidates/%d", id), form), http.StatusSeeOther)

	if v := ta.candidateVersion(id); v != 2 {
		t.Errorf("version %d, want 2: the repeat changes nothing", v)
	}
}
