package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func TestCandidateRemove(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	resp := ta.postForm(c, fmt.Sprintf("/candidates/%d/remove", id), url.Values{"version": {"1"}})
	mustStatus(t, resp, http.StatusSeeOther)

	if got, want := resp.Header.Get("Location"), fmt.Sprintf("/proposals/%d", pid); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	if n := ta.count(`SELECT count(*) FROM candidates WHERE id = $1 AND removed_at IS NOT NULL`, id); n != 1 {
		t.Error("removed_at not set")
	}
	if n := ta.count(`SELECT count(*) FROM active_niks`); n != 0 {
		t.Error("NIK still claimed")
	}
	if n := ta.count(`SELECT count(*) FROM proposal_events WHERE candidate_id = $1 AND action = 'remove_candidate'`, id); n != 1 {
		t.Errorf("%d remove events, want 1", n)
	}
	if resp := ta.get(c, fmt.Sprintf("/candidates/%d", id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("removed candidate's page status %d, want 404", resp.StatusCode)
	}
	// The freed NIK can be proposed again.
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), ta.agencyCandidateForm(0, "Siti Aminah")), http.StatusSeeOther)
}

func TestCandidateRemoveRefused(t *testing.T) {
	cases := []struct {
		name   string
		user   string
		status string
		want   int
	}{
		{"other agency", "opd-b", "draft", http.StatusNotFound},
		{"submitted proposal", "opd-a", "submitted", http.StatusConflict},
		{"BKD", "bkd", "draft", http.StatusForbidden},
		{"superadmin", "superadmin", "draft", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid := ta.agencyDraft()
			id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
			ta.store.DB.MustExec(`UPDATE proposals SET status = $2 WHERE id = $1`, pid, tc.status)

			resp := ta.postForm(ta.login(tc.user), fmt.Sprintf("/candidates/%d/remove", id), url.Values{"version": {"1"}})
			mustStatus(t, resp, tc.want)
			if n := ta.count(`SELECT count(*) FROM candidates WHERE removed_at IS NULL`); n != 1 {
				t.Error("candidate removed")
			}
			if n := ta.count(`SELECT count(*) FROM active_niks`); n != 1 {
				t.Error("NIK claim released")
			}
		})
	}
}

func TestCandidateRemoveStaleVersion(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	ta.store.DB.MustExec(`UPDATE candidates SET version = 2 WHERE id = $1`, id)

	resp := ta.postForm(ta.login("opd-a"), fmt.Sprintf("/candidates/%d/remove", id), url.Values{"version": {"1"}})
	mustStatus(t, resp, http.StatusConflict)
	if n := ta.count(`SELECT count(*) FROM candidates WHERE removed_at IS NULL`); n != 1 {
		t.Error("candidate removed")
	}
}
