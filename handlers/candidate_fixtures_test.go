package handlers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// agencyDraft creates a letter for agency A with room for ten people and a draft proposal under
// it, returning the proposal's id.
func (ta *testApp) agencyDraft() int64 {
	ta.t.Helper()
	letters := ta.count(`SELECT count(*) FROM recommendations`)
	letter := ta.createLetter(ta.agencyA.ID, fmt.Sprintf("800/%d/438.5.2/2026", letters+1), 10)
	return ta.createProposal(ta.agencyA.ID, letter, "opd-a")
}

// agencyCandidateForm returns the candidate form filled completely for the n-th test person: a
// married woman born 1 May 1995 (matching testNIK(n, true)), a nurse with a D3 in Keperawatan.
func (ta *testApp) agencyCandidateForm(n int, name string) url.Values {
	ta.t.Helper()
	id := func(table, column, value string) string {
		return strconv.FormatInt(ta.refID(table, column, value), 10)
	}
	return url.Values{
		"nik":                        {testNIK(n, true)},
		"family_card_number":         {fmt.Sprintf("35150112%08d", n+1)},
		"title_prefix":               {""},
		"full_name":                  {name},
		"title_suffix":               {"A.Md.Kep."},
		"birth_place":                {"Sidoarjo"},
		"birth_date":                 {"1995-05-01"},
		"religion_id":                {id("religions", "name", "Islam")},
		"sex":                        {"P"},
		"marital_status":             {"kawin"},
		"blood_type":                 {"O+"},
		"address_ktp":                {"Jl. Mawar 1, Sidoarjo"},
		"address_domicile":           {"Jl. Melati 2, Sidoarjo"},
		"email":                      {"calon@contoh.id"},
		"phone":                      {"0812-3456-7890"},
		"npwp":                       {"09.254.294.3-407.000"},
		"education_level_id":         {id("education_levels", "code", "D3")},
		"education_major":            {"Keperawatan"},
		"education_institution":      {"Poltekkes Surabaya"},
		"graduation_year":            {"2017"},
		"applied_education_level_id": {id("education_levels", "code", "D3")},
		"applied_education_major":    {"Keperawatan"},
		"classification_id":          {id("employee_classifications", "name", "Tenaga Kesehatan")},
		"salary_standard_id":         {id("salary_standards", "name", "Standar III (Diploma)")},
		"position_id":                {id("positions", "name", "Perawat")},
		"position_type":              {"fungsional"},
		"start_date":                 {"2026-07-01"},
		"request_key":                {newRequestKey()},
	}
}

// agencyEmployee inserts an active employee of the agency with the n-th test NIK, as approval
// would, and claims the NIK for the register. It returns the employee's id.
func (ta *testApp) agencyEmployee(agencyID int64, n int, name string) int64 {
	ta.t.Helper()
	var id int64
	err := ta.store.DB.Get(&id, `
		INSERT INTO employees (agency_id, nik, family_card_number, full_name, title_suffix, birth_place, birth_date,
			religion_id, sex, marital_status, address_ktp, address_domicile, education_level_id, education_major,
			education_institution, graduation_year, applied_education_level_id, applied_education_major,
			classification_id, salary_standard_id, position_id, position_type, start_date)
		VALUES ($1, $2, $3, $4, 'S.Kep.', 'Sidoarjo', '1995-05-01', $5, 'P', 'belum_kawin', 'Jl. Kenanga 3', 'Jl. Kenanga 3',
			$6, 'Keperawatan', 'Universitas Airlangga', 2018, $6, 'Keperawatan', $7, $8, $9, 'fungsional', '2024-12-14')
		RETURNING id`,
		agencyID, testNIK(n, true), fmt.Sprintf("35150112%08d", n+1), name,
		ta.refID("religions", "name", "Islam"), ta.refID("education_levels", "code", "S1"),
		ta.refID("employee_classifications", "name", "Tenaga Kesehatan"),
		ta.refID("salary_standards", "name", "Standar IV (Sarjana)"), ta.refID("positions", "name", "Perawat"))
	if err != nil {
		ta.t.Fatalf("insert employee: %v", err)
	}
	if _, err := ta.store.DB.Exec(`INSERT INTO active_niks (nik, employee_id) VALUES ($1, $2)`, testNIK(n, true), id); err != nil {
		ta.t.Fatalf("claim employee NIK: %v", err)
	}
	return id
}

// candidateIDByNIK returns the id of the live candidate holding nik, or 0.
func (ta *testApp) candidateIDByNIK(nik string) int64 {
	ta.t.Helper()
	var id int64
	_ = ta.store.DB.Get(&id, `SELECT id FROM candidates WHERE nik = $1 AND removed_at IS NULL`, nik)
	return id
}

// fieldErrorBeside returns the text of the field error shown right after the element matching
// selector, or "" when there is none.
func fieldErrorBeside(doc *goquery.Document, selector string) string {
	return strings.TrimSpace(doc.Find(selector + " + small.field-error").Text())
}

// inputValue returns the value a form shows for the named field: an input's value, a textarea's
// text or a select's selected option.
func inputValue(doc *goquery.Document, name string) string {
	sel := doc.Find(fmt.Sprintf(`[name=%q]`, name)).First()
	switch goquery.NodeName(sel) {
	case "textarea":
		return sel.Text()
	case "select":
		v, _ := sel.Find("option[selected]").Attr("value")
		return v
	}
	v, _ := sel.Attr("value")
	return v
}

// mustStatus fails the test now when the response's status is not want.
func mustStatus(t *testing.T, resp response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		body := resp.body
		if len(body) > 2000 {
			body = body[:2000]
		}
		t.Fatalf("status %d, want %d; body: %s", resp.StatusCode, want, body)
	}
}

// htmxHeaders marks a request as sent by htmx.
var htmxHeaders = []string{"HX-Request", "true"}
