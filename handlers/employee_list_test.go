package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestEmployeeListOwnActive(t *testing.T) {
	ta := newTestApp(t)
	own := ta.agencyEmployee(ta.agencyA.ID, 0, "Siti Aminah")
	inactive := ta.agencyEmployee(ta.agencyA.ID, 1, "Budi Pensiun")
	ta.store.DB.MustExec(`UPDATE employees SET status = 'inactive', end_date = '2025-12-31' WHERE id = $1`, inactive)
	other := ta.agencyEmployee(ta.agencyB.ID, 2, "Guru Disdik")

	resp := ta.get(ta.login("opd-a"), "/employees")
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	row := doc.Find(fmt.Sprintf(`#employee-table tr[data-employee-id="%d"]`, own))
	if row.Length() != 1 {
		t.Fatal("own employee not listed")
	}
	cells := row.Find("td")
	want := []string{"Siti Aminah, S.Kep.", testNIK(0, true), "Perawat", "14 Desember 2024", "S1 Keperawatan"}
	for i, w := range want {
		if got := strings.TrimSpace(cells.Eq(i).Text()); got != w {
			t.Errorf("cell %d %q, want %q", i, got, w)
		}
	}
	for _, id := range []int64{inactive, other} {
		if doc.Find(fmt.Sprintf(`tr[data-employee-id="%d"]`, id)).Length() != 0 {
			t.Errorf("employee %d listed", id)
		}
	}
}

func TestEmployeeListSearch(t *testing.T) {
	ta := newTestApp(t)
	siti := ta.agencyEmployee(ta.agencyA.ID, 0, "Siti Aminah")
	budi := ta.agencyEmployee(ta.agencyA.ID, 1, "Budi Santoso")
	c := ta.login("opd-a")
	cases := []struct {
		query string
		want  []int64
	}{
		{"amin", []int64{siti}},
		{testNIK(1, true)[:12], []int64{siti, budi}},
		{testNIK(1, true), []int64{budi}},
		{"100%", nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			doc := ta.get(c, "/employees?q="+url.QueryEscape(tc.query)).doc(t)
			if n := doc.Find("#employee-table tbody tr").Length(); n != len(tc.want) {
				t.Errorf("%d rows, want %d", n, len(tc.want))
			}
			for _, id := range tc.want {
				if doc.Find(fmt.Sprintf(`tr[data-employee-id="%d"]`, id)).Length() != 1 {
					t.Errorf("employee %d missing", id)
				}
			}
		})
	}
}

func TestEmployeeShowWithDocuments(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	cand := ta.insertCandidate(ta.completeCandidate(pid, 10, "Siti Aminah"))
	ta.attachDocuments(cand)
	employee := ta.agencyEmployee(ta.agencyA.ID, 11, "Siti Aminah")
	ta.store.DB.MustExec(`UPDATE candidate_documents SET employee_id = $1 WHERE candidate_id = $2`, employee, cand)

	resp := ta.get(ta.login("opd-a"), fmt.Sprintf("/employees/%d", employee))
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	if got := doc.Find("h1").Text(); got != "Siti Aminah, S.Kep." {
		t.Errorf("heading %q", got)
	}
	if got := doc.Find("#job").Text(); !strings.Contains(got, "Rp 3.000.000") {
		t.Error("salary standard amount not shown in rupiah")
	}
	links := doc.Find("#employee-documents a.document-link")
	if links.Length() != 6 {
		t.Fatalf("%d document links, want 6", links.Length())
	}
	var firstDoc int64
	if err := ta.store.DB.Get(&firstDoc, `
		SELECT d.id FROM documents d JOIN candidate_documents cd ON cd.document_id = d.id
		WHERE cd.employee_id = $1 AND d.kind = 'photo'`, employee); err != nil {
		t.Fatal(err)
	}
	if href, _ := links.First().Attr("href"); href != fmt.Sprintf("/documents/%d", firstDoc) {
		t.Errorf("first link %q, want the photo /documents/%d", href, firstDoc)
	}
}
