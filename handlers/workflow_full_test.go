package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sinop/domain"
)

// TestWorkflowFullPath walks one proposal through every step over HTTP, as BKD and the
// superadmin click through it, and checks the register at the end.
func TestWorkflowFullPath(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(2, 3, true)
	admitted, correctedLater, rejected := ids[0], ids[1], ids[2]
	bkd, sa := ta.login("bkd"), ta.login("superadmin")
	niks := map[int64]string{}
	for _, id := range ids {
		var nik string
		if err := ta.store.DB.Get(&nik, `SELECT nik FROM candidates WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		niks[id] = nik
	}

	// Three candidates on a letter of two: BKD returns the proposal to the agency.
	resp := ta.postForm(bkd, fmt.Sprintf("/verification/%d/return", pid),
		workflowForm(ta.workflowVersionOf(pid), "reason", "Kuota hanya 2, kurangi atau tunggu keputusan BKD"))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowStatusOf(pid); got != domain.StatusReturnedToOPD {
		t.Fatalf("status %s after return, want returned_to_opd", got)
	}
	ta.workflowMustMove(pid, "opd-a", domain.ActionSubmit, "")

	// BKD decides each row through the page's htmx posts.
	decide := func(cid int64, action, reason string) {
		t.Helper()
		resp := ta.postForm(bkd, verificationDecidePath(pid, cid, action),
			workflowForm(ta.workflowCandidateVersion(cid), "reason", reason), workflowHTMX...)
		requireWorkflowStatus(t, resp, http.StatusOK)
	}
	decide(admitted, "accept", "")
	decide(correctedLater, "accept", "")
	decide(rejected, "reject", "Ijazah tidak sesuai jabatan")
	resp = ta.postForm(bkd, fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)

	// The superadmin disagrees on one row.
	resp = ta.postForm(sa, fmt.Sprintf("/review/%d/return", pid), workflowForm(ta.workflowVersionOf(pid),
		"reason", "Satu calon perlu ditinjau",
		fmt.Sprintf("correction_%d", correctedLater), "STR belum ada, tolak dulu"))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowCandidate(correctedLater).Correction; got != "STR belum ada, tolak dulu" {
		t.Fatalf("correction %q not saved", got)
	}
	page := ta.get(bkd, fmt.Sprintf("/verification/%d", pid)).doc(t)
	if !strings.Contains(page.Find(fmt.Sprintf("tr#candidate-%d .correction", correctedLater)).Text(), "STR belum ada") {
		t.Error("BKD's page does not show the correction")
	}

	// BKD follows the correction and sends the proposal again.
	decide(correctedLater, "reject", "STR belum ada")
	resp = ta.postForm(bkd, fmt.Sprintf("/verification/%d/send", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowStatusOf(pid); got != domain.StatusInFinalReview {
		t.Fatalf("status %s after resend, want in_final_review", got)
	}

	resp = ta.postForm(sa, fmt.Sprintf("/review/%d/approve", pid), workflowForm(ta.workflowVersionOf(pid)))
	requireWorkflowStatus(t, resp, http.StatusSeeOther)
	if got := ta.workflowStatusOf(pid); got != domain.StatusDone {
		t.Fatalf("status %s after approval, want done", got)
	}

	t.Run("timeline", func(t *testing.T) {
		var actions []string
		if err := ta.store.DB.Select(&actions, `SELECT action FROM proposal_events WHERE proposal_id = $1 ORDER BY id`, pid); err != nil {
			t.Fatal(err)
		}
		want := "create,submit,return_to_opd,submit,accept,accept,reject,send_to_superadmin,return_to_bkd,reject,resend,approve"
		if got := strings.Join(actions, ","); got != want {
			t.Errorf("timeline %s\nwant     %s", got, want)
		}
	})
	t.Run("employee", func(t *testing.T) {
		var e struct {
			ID               int64  `db:"id"`
			AgencyID         int64  `db:"agency_id"`
			NIK              string `db:"nik"`
			FullName         string `db:"full_name"`
			TitleSuffix      string `db:"title_suffix"`
			Status           string `db:"status"`
			RecommendationOK bool   `db:"recommendation_ok"`
		}
		err := ta.store.DB.Get(&e, `
			SELECT e.id, e.agency_id, e.nik, e.full_name, e.title_suffix, e.status,
			       e.recommendation_id = p.recommendation_id AS recommendation_ok
			FROM employees e JOIN proposals p ON p.id = $2 WHERE e.candidate_id = $1`, admitted, pid)
		if err != nil {
			t.Fatalf("employee of the accepted candidate: %v", err)
		}
		if e.AgencyID != ta.agencyA.ID || e.NIK != niks[admitted] || e.FullName != "Calon A" ||
			e.TitleSuffix != "A.Md.Kep" || e.Status != "active" || !e.RecommendationOK {
			t.Errorf("employee %+v does not carry the candidate's data, agency and letter", e)
		}
		if n := ta.count(`SELECT count(*) FROM employees`); n != 1 {
			t.Errorf("%d employees, want only the accepted candidate", n)
		}
		linked := ta.count(`SELECT count(*) FROM candidate_documents WHERE candidate_id = $1 AND employee_id = $2`, admitted, e.ID)
		if linked != 6 {
			t.Errorf("%d documents linked to the employee, want 6", linked)
		}
		if n := ta.count(`SELECT count(*) FROM candidate_documents WHERE employee_id IS NOT NULL AND candidate_id <> $1`, admitted); n != 0 {
			t.Errorf("%d documents of rejected candidates linked to employees", n)
		}
		if n := ta.count(`SELECT count(*) FROM active_niks WHERE nik = $1 AND employee_id = $2 AND candidate_id IS NULL`,
			niks[admitted], e.ID); n != 1 {
			t.Error("the admitted NIK did not move from the candidate to the employee")
		}
	})
	t.Run("rejected candidates", func(t *testing.T) {
		for _, cid := range []int64{correctedLater, rejected} {
			if n := ta.count(`SELECT count(*) FROM employees WHERE candidate_id = $1 OR nik = $2`, cid, niks[cid]); n != 0 {
				t.Errorf("rejected candidate %d is in the register", cid)
			}
			if n := ta.count(`SELECT count(*) FROM active_niks WHERE nik = $1`, niks[cid]); n != 0 {
				t.Errorf("rejected candidate %d still holds an active NIK", cid)
			}
			if got := ta.workflowCandidate(cid); got.Decision != domain.DecisionRejected || got.Reason == "" {
				t.Errorf("rejected candidate %d lost its decision or reason: %+v", cid, got)
			}
		}
	})
	t.Run("queues empty", func(t *testing.T) {
		if ta.get(bkd, "/verification").doc(t).Find("#queue-empty").Length() != 1 {
			t.Error("BKD's queue still lists the finished proposal")
		}
		if ta.get(sa, "/review").doc(t).Find("#queue-empty").Length() != 1 {
			t.Error("the review queue still lists the finished proposal")
		}
	})
}
