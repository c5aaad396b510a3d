package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sinop/domain"
)

// createLetterWithPDF records a letter with pk-pertama.pdf as its PDF through the form, as BKD
// does, and returns the letter's and the document's ids.
func (ta *testApp) createLetterWithPDF(agencyID int64, number string) (letterID, documentID int64) {
	ta.t.Helper()
	values := ta.letterFields(number)
	values.Set("agency_id", strconv.FormatInt(agencyID, 10))
	letterID = letterIDFrom(ta.t, ta.postLetter(ta.login("bkd"), values, "pk-pertama.pdf"))
	rec, err := ta.store.Recommendation(context.Background(), letterID)
	if err != nil {
		ta.t.Fatal(err)
	}
	return letterID, rec.DocumentID.Int64
}

// admitCandidate copies a candidate into agency's register under letterID, as approval does,
// links the candidate's documents to the new employee and returns the employee's id.
func (ta *testApp) admitCandidate(candidateID, agencyID, letterID int64) int64 {
	ta.t.Helper()
	var id int64
	err := ta.store.DB.Get(&id, `
		INSERT INTO employees (agency_id, candidate_id, recommendation_id, nik, family_card_number, full_name,
		    birth_place, birth_date, religion_id, sex, marital_status, address_ktp, address_domicile,
		    education_level_id, education_institution, graduation_year, applied_education_level_id,
		    classification_id, salary_standard_id, position_id, position_type, start_date)
		SELECT $1, c.id, $3, c.nik, c.family_card_number, c.full_name, c.birth_place, c.birth_date,
		    c.religion_id, c.sex, c.marital_status, c.address_ktp, c.address_domicile, c.education_level_id,
		    c.education_institution, c.graduation_year, c.applied_education_level_id, c.classification_id,
		    c.salary_standard_id, c.position_id, c.position_type, c.start_date
		FROM candidates c WHERE c.id = $2
		RETURNING id`, agencyID, candidateID, letterID)
	if err != nil {
		ta.t.Fatalf("admit candidate %d: %v", candidateID, err)
	}
	if _, err := ta.store.DB.Exec(`UPDATE candidate_documents SET employee_id = $1 WHERE candidate_id = $2`, id, candidateID); err != nil {
		ta.t.Fatal(err)
	}
	return id
}

func TestLetterListScopedByAgency(t *testing.T) {
	ta := newTestApp(t)
	letterA := ta.createLetter(ta.agencyA.ID, "800/11/A/2026", 2)
	letterB := ta.createLetter(ta.agencyB.ID, "800/12/B/2026", 3)

	cases := []struct {
		username   string
		want       []int64
		showAgency bool
	}{
		{"bkd", []int64{letterB, letterA}, true},
		{"superadmin", []int64{letterB, letterA}, true},
		{"opd-a", []int64{letterA}, false},
		{"opd-b", []int64{letterB}, false},
	}
	for _, tc := range cases {
		t.Run(tc.username, func(t *testing.T) {
			resp := ta.get(ta.login(tc.username), "/recommendations")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			doc := resp.doc(t)
			var got []int64
			doc.Find("#letter-list tbody tr").Each(func(_ int, row *goquery.Selection) {
				id, _ := strconv.ParseInt(row.AttrOr("data-letter-id", ""), 10, 64)
				got = append(got, id)
			})
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("letters %v, want %v", got, tc.want)
			}
			hasAgency := strings.Contains(doc.Find("#letter-list").Text(), ta.agencyA.Name)
			if hasAgency != tc.showAgency {
				t.Errorf("agency name shown %v, want %v", hasAgency, tc.showAgency)
			}
			hasButton := doc.Find("#new-letter").Length() == 1
			if hasButton != (tc.username == "bkd") {
				t.Errorf("new-letter button shown %v for %s", hasButton, tc.username)
			}
		})
	}
}

func TestLetterPageOfOtherAgencyNotFound(t *testing.T) {
	ta := newTestApp(t)
	letterB, documentB := ta.createLetterWithPDF(ta.agencyB.ID, "800/21/B/2026")
	opdA := ta.login("opd-a")

	if resp := ta.get(opdA, fmt.Sprintf("/recommendations/%d", letterB)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("letter page status %d, want 404", resp.StatusCode)
	}
	if resp := ta.get(opdA, fmt.Sprintf("/documents/%d", documentB)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("letter PDF status %d, want 404", resp.StatusCode)
	}
	opdB := ta.login("opd-b")
	if resp := ta.get(opdB, fmt.Sprintf("/recommendations/%d", letterB)); resp.StatusCode != http.StatusOK {
		t.Errorf("own letter page status %d, want 200", resp.StatusCode)
	}
	if resp := ta.get(opdB, fmt.Sprintf("/documents/%d", documentB)); resp.StatusCode != http.StatusOK {
		t.Errorf("own letter PDF status %d, want 200", resp.StatusCode)
	}
}

func TestLetterPageUnknownIDNotFound(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	for _, path := range []string{"/recommendations/999999", "/recommendations/abc", "/recommendations/-1"} {
		if resp := ta.get(bkd, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestLetterPageShowsQuotaUse(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/31/A/2026", 5)
	finished := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	for n := range 2 {
		candidate := ta.insertCandidate(ta.completeCandidate(finished, n, fmt.Sprintf("Perawat %d", n)))
		ta.admitCandidate(candidate, ta.agencyA.ID, letter)
	}
	if _, err := ta.store.DB.Exec(`UPDATE proposals SET status = 'done' WHERE id = $1`, finished); err != nil {
		t.Fatal(err)
	}
	open := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	ta.insertCandidate(ta.completeCandidate(open, 2, "Perawat Baru"))

	doc := ta.get(ta.login("opd-a"), fmt.Sprintf("/recommendations/%d", letter)).doc(t)

	checks := map[string]string{
		"#letter-number":     "800/31/A/2026",
		"#letter-date":       "2 Maret 2026",
		"#letter-year":       "2026",
		"#quota-total":       "5",
		"#quota-admitted":    "2",
		"#quota-remaining":   "3",
		"#quota-in-progress": "1",
		"#requirement-total": "5",
	}
	for selector, want := range checks {
		if got := strings.TrimSpace(doc.Find(selector).Text()); got != want {
			t.Errorf("%s shows %q, want %q", selector, got, want)
		}
	}
	cells := doc.Find("#letter-requirements tbody tr").First().Find("td")
	for i, want := range []string{"Perawat", "D3", "Keperawatan", "5"} {
		if got := strings.TrimSpace(cells.Eq(i).Text()); got != want {
			t.Errorf("requirement cell %d is %q, want %q", i, got, want)
		}
	}
	if doc.Find("#letter-pdf").Length() != 0 {
		t.Errorf("a letter without a PDF shows a PDF frame")
	}
}

func TestLetterPageEmbedsPDF(t *testing.T) {
	ta := newTestApp(t)
	letter, document := ta.createLetterWithPDF(ta.agencyA.ID, "800/41/A/2026")

	doc := ta.get(ta.login("opd-a"), fmt.Sprintf("/recommendations/%d", letter)).doc(t)

	want := fmt.Sprintf("/documents/%d", document)
	if got := doc.Find("iframe#letter-pdf").AttrOr("src", ""); got != want {
		t.Errorf("frame source %q, want %q", got, want)
	}
	if got := doc.Find("#download-letter-pdf").AttrOr("href", ""); got != want+"?download=1" {
		t.Errorf("download link %q, want %q", got, want+"?download=1")
	}
	if got := doc.Find("#letter-document small").Text(); !strings.Contains(got, "pk-pertama.pdf") || !strings.Contains(got, "KB") {
		t.Errorf("document note %q, want its name and size", got)
	}
}

func TestLetterFormValidateYearAroundDate(t *testing.T) {
	today := domain.NewDate(2026, 12, 4)
	cases := []struct {
		name, date, year string
		wantError        bool
	}{
		{"same year", "2026-03-02", "2026", false},
		{"next year from December", "2025-12-20", "2026", false},
		{"previous year", "2026-01-10", "2025", false},
		{"two years on", "2026-03-02", "2028", true},
		{"leap day", "2024-02-29", "2024", false},
		{"no leap day", "2025-02-29", "2025", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := letterForm{AgencyID: "1", Number: "1", LetterDate: tc.date, Year: tc.year, Quota: "1"}
			_, _, errs := form.validate(&letterOptions{}, today)
			_, yearErr := errs["year"]
			_, dateErr := errs["letter_date"]
			if got := yearErr || dateErr; got != tc.wantError {
				t.Errorf("date or year error %v (%v), want %v", got, errs, tc.wantError)
			}
		})
	}
}
