package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCandidateCreateStoresDraft(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah")
	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form)
	mustStatus(t, resp, http.StatusSeeOther)

	id := ta.candidateIDByNIK(testNIK(0, true))
	if id == 0 {
		t.Fatal("no candidate stored")
	}
	if got, want := resp.Header.Get("Location"), fmt.Sprintf("/candidates/%d", id); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if n := ta.count(`SELECT count(*) FROM active_niks WHERE candidate_id = $1`, id); n != 1 {
		t.Errorf("%d NIK claims, want 1", n)
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND npwp = '092542943407000' AND phone = '081234567890'`, id); n != 1 {
		t.Error("NPWP and phone not stored as digits")
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE candidate_id = $1 AND action = 'add_candidate'`, id); n != 1 {
		t.Errorf("%d add events, want 1", n)
	}
}

func TestCandidateCreateDraftWithOnlyNIK(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "")
	for name := range form {
		if name != "nik" && name != "request_key" {
			form.Set(name, "")
		}
	}
	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form)
	mustStatus(t, resp, http.StatusSeeOther)
	if ta.candidateIDByNIK(testNIK(0, true)) == 0 {
		t.Error("draft with only a NIK not stored")
	}
}

func TestCandidateCreateRepeatedSubmit(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")
	form := ta.agencyCandidateForm(0, "Siti Aminah")

	first := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form)
	second := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form)

	mustStatus(t, second, http.StatusSeeOther)
	if first.Header.Get("Location") != second.Header.Get("Location") {
		t.Errorf("second submit went to %q, want the first candidate %q", second.Header.Get("Location"), first.Header.Get("Location"))
	}
	if n := ta.count(`SELECT count(*) FROM candidates`); n != 1 {
		t.Errorf("%d candidates, want 1", n)
	}
}

func TestCandidateCreateRejectsBadInput(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")
	cases := []struct {
		name, field, value, want string
	}{
		{"NIK of 15 digits", "nik", "351501410595000", "16 digit"},
		{"NIK day 72", "nik", "3515017205950001", "tanggal lahir"},
		{"NIK month 13", "nik", "3515014113950001", "tanggal lahir"},
		{"NIK province 99", "nik", "9915014105950001", "provinsi"},
		{"NIK empty", "nik", "", "wajib"},
		{"No KK province 99", "family_card_number", "9915011201000001", "provinsi"},
		{"name with digits", "full_name", "Siti 4minah", "huruf"},
		{"birth date month 13", "birth_date", "1995-13-01", "tanggal"},
		{"email invalid", "email", "siti@", "email"},
		{"phone with letters", "phone", "0812-ABC", "telepon"},
		{"NPWP 14 digits", "npwp", "09254294340700", "NPWP"},
		{"graduation year text", "graduation_year", "20l7", "tahun"},
		{"religion unknown", "religion_id", "99999", "pilihan"},
		{"start date day 32", "start_date", "2026-07-32", "tanggal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := ta.agencyCandidateForm(0, "Siti Aminah")
			form.Set(tc.field, tc.value)
			resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form, htmxHeaders...)
			mustStatus(t, resp, http.StatusUnprocessableEntity)
			doc := resp.doc(t)

			if got := fieldErrorBeside(doc, "#"+tc.field); !strings.Contains(strings.ToLower(got), strings.ToLower(tc.want)) {
				t.Errorf("error beside %s is %q, want it to mention %q", tc.field, got, tc.want)
			}
			if tc.field != "religion_id" {
				if got := inputValue(doc, tc.field); got != tc.value {
					t.Errorf("%s shows %q, want the typed %q", tc.field, got, tc.value)
				}
			}
			if got := inputValue(doc, "birth_place"); got != "Sidoarjo" {
				t.Errorf("birth_place shows %q, want it kept", got)
			}
			if got := inputValue(doc, "marital_status"); got != "kawin" {
				t.Errorf("marital_status shows %q, want it kept", got)
			}
			if got := inputValue(doc, "address_ktp"); got != "Jl. Mawar 1, Sidoarjo" {
				t.Errorf("address_ktp shows %q, want it kept", got)
			}
			if n := ta.count(`SELECT count(*) FROM candidates`); n != 0 {
				t.Errorf("%d candidates stored, want none", n)
			}
			if n := ta.count(`SELECT count(*) FROM active_niks`); n != 0 {
				t.Errorf("%d NIK claims, want none", n)
			}
		})
	}
}

func TestCandidateCreateDuplicateNIK(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	otherDraft := ta.agencyDraft()
	ta.insertCandidate(ta.completeCandidate(otherDraft, 1, "Calon Lain"))
	ta.agencyEmployee(ta.agencyA.ID, 2, "Pegawai Lama")

	letterB := ta.createLetter(ta.agencyB.ID, "800/99/438.5.2/2026", 5)
	proposalB := ta.createProposal(ta.agencyB.ID, letterB, "opd-b")
	b := ta.completeCandidate(proposalB, 3, "Rahasia Disdik")
	b.CreatedBy = ta.userIDs["opd-b"]
	ta.insertCandidate(b)
	ta.agencyEmployee(ta.agencyB.ID, 4, "Pegawai Disdik")

	c := ta.login("opd-a")
	cases := []struct {
		name string
		n    int
		want string
	}{
		{"own other proposal", 1, fmt.Sprintf("usulan #%d milik OPD ini", otherDraft)},
		{"own register", 2, "register pegawai OPD ini"},
		{"other agency proposal", 3, "NIK sudah terdaftar aktif di register atau usulan OPD lain"},
		{"other agency register", 4, "NIK sudah terdaftar aktif di register atau usulan OPD lain"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := ta.count(`SELECT count(*) FROM candidates`)
			form := ta.agencyCandidateForm(tc.n, "Nama Baru")
			resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form, htmxHeaders...)
			mustStatus(t, resp, http.StatusUnprocessableEntity)
			doc := resp.doc(t)

			if got := fieldErrorBeside(doc, "#nik"); !strings.Contains(got, tc.want) {
				t.Errorf("error beside NIK is %q, want %q", got, tc.want)
			}
			for _, secret := range []string{ta.agencyB.Name, "Rahasia Disdik", "Pegawai Disdik", fmt.Sprintf("#%d", proposalB)} {
				if strings.Contains(resp.body, secret) {
					t.Errorf("response reveals %q of the other agency", secret)
				}
			}
			if got := inputValue(doc, "full_name"); got != "Nama Baru" {
				t.Errorf("full_name shows %q, want it kept", got)
			}
			if n := ta.count(`SELECT count(*) FROM candidates`); n != before {
				t.Errorf("%d candidates, want %d", n, before)
			}
		})
	}
}

func TestCandidateCreateNIKMismatchWarns(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")

	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("sex", "L")
	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form)
	mustStatus(t, resp, http.StatusSeeOther)
	id := ta.candidateIDByNIK(testNIK(0, true))
	if id == 0 {
		t.Fatal("candidate with a mismatching NIK not stored")
	}

	page := ta.get(c, fmt.Sprintf("/candidates/%d", id))
	mustStatus(t, page, http.StatusOK)
	if got := page.doc(t).Find("#nik ~ small.nik-warning").Text(); !strings.Contains(got, "perempuan") {
		t.Errorf("warning beside NIK %q, want it to name the sex on the NIK", got)
	}
	table := ta.get(c, fmt.Sprintf("/proposals/%d", pid))
	if n := table.doc(t).Find(fmt.Sprintf(`tr[data-candidate-id="%d"] .nik-warning`, id)).Length(); n != 1 {
		t.Errorf("%d warnings in the proposal table row, want 1", n)
	}
}

func TestCandidateCreateNotEditable(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	ta.store.DB.MustExec(`UPDATE proposals SET status = 'submitted' WHERE id = $1`, pid)
	c := ta.login("opd-a")

	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), ta.agencyCandidateForm(0, "Siti Aminah"))
	mustStatus(t, resp, http.StatusConflict)
	if n := ta.count(`SELECT count(*) FROM candidates`); n != 0 {
		t.Errorf("%d candidates, want none", n)
	}
}

func TestCandidateCreateOtherAgency(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-b")

	if resp := ta.get(c, fmt.Sprintf("/proposals/%d/candidates/new", pid)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("form status %d, want 404", resp.StatusCode)
	}
	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), ta.agencyCandidateForm(0, "Siti Aminah"))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("create status %d, want 404", resp.StatusCode)
	}
	if n := ta.count(`SELECT count(*) FROM candidates`); n != 0 {
		t.Errorf("%d candidates, want none", n)
	}
}

func TestCandidateNewFormFields(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")

	resp := ta.get(c, fmt.Sprintf("/proposals/%d/candidates/new", pid))
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)
	for name := range ta.agencyCandidateForm(0, "") {
		if doc.Find(fmt.Sprintf(`#candidate-form [name=%q]`, name)).Length() != 1 {
			t.Errorf("form lacks field %s", name)
		}
	}
	if key, _ := doc.Find(`[name=request_key]`).Attr("value"); len(key) < 16 {
		t.Errorf("request key %q, want a random token", key)
	}
}

func TestCandidateCreateInvalidFormShowsNIKWarning(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")

	// A woman's NIK entered as a man's, together with an invalid phone number.
	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("sex", "L")
	form.Set("phone", "12")
	resp := ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form, htmxHeaders...)

	mustStatus(t, resp, http.StatusUnprocessableEntity)
	if warning := resp.doc(t).Find("#nik-warnings").Text(); !strings.Contains(warning, "perempuan") {
		t.Errorf("NIK warning %q, want it beside the refused form too", warning)
	}
}
