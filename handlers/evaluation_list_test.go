package handlers

import (
	"fmt"
	"net/http"
	"testing"
)

func TestEvaluationListRejectedOfDone(t *testing.T) {
	ta := newTestApp(t)
	done := ta.agencyDraft()
	rejected := ta.insertCandidate(ta.completeCandidate(done, 0, "Siti Ditolak"))
	accepted := ta.insertCandidate(ta.completeCandidate(done, 1, "Dewi Diterima"))
	open := ta.agencyDraft()
	pending := ta.insertCandidate(ta.completeCandidate(open, 2, "Rina Menunggu"))
	letterB := ta.createLetter(ta.agencyB.ID, "800/55/438.5.2/2026", 5)
	doneB := ta.createProposal(ta.agencyB.ID, letterB, "opd-b")
	rejectedB := ta.insertCandidate(ta.completeCandidate(doneB, 3, "Guru Ditolak"))

	ta.store.DB.MustExec(`UPDATE proposals SET status = 'done' WHERE id IN ($1, $2)`, done, doneB)
	ta.store.DB.MustExec(`UPDATE candidates SET decision = 'rejected', decision_reason = 'Ijazah tidak sesuai jabatan',
		decided_by = $2, decided_at = now() WHERE id IN ($1, $3, $4)`, rejected, ta.userIDs["bkd"], pending, rejectedB)
	ta.store.DB.MustExec(`UPDATE candidates SET decision = 'accepted' WHERE id = $1`, accepted)

	resp := ta.get(ta.login("opd-a"), "/evaluations")
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	row := doc.Find(fmt.Sprintf(`#evaluation-table tr[data-candidate-id="%d"]`, rejected))
	if row.Length() != 1 {
		t.Fatal("rejected candidate of a finished proposal not listed")
	}
	if got := row.Find(".reason").Text(); got != "Ijazah tidak sesuai jabatan" {
		t.Errorf("reason %q", got)
	}
	if href, _ := row.Find(fmt.Sprintf(`a[href="/proposals/%d"]`, done)).Attr("href"); href == "" {
		t.Error("no link to the proposal")
	}
	if doc.Find("#evaluation-table tbody tr").Length() != 1 {
		t.Errorf("%d rows, want only the rejected candidate of agency A's finished proposal", doc.Find("#evaluation-table tbody tr").Length())
	}
}
