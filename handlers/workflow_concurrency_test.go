package handlers

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"sinop/domain"
)

// TestConcurrentRowDecisionsOneWins has two BKD users decide the same rows at the same moment
// with the version they both read: one wins each row, the other gets 409 naming the winner.
func TestConcurrentRowDecisionsOneWins(t *testing.T) {
	ta := newTestApp(t)
	ta.workflowAddBKD()
	pid, ids := ta.verificationFixture(10, 6, false)
	users := []struct {
		username, fullName, action string
		decision                   domain.Decision
		client                     *http.Client
	}{
		{"bkd", "Verifikator BKD", "accept", domain.DecisionAccepted, ta.login("bkd")},
		{"bkd2", "Verifikator Kedua", "reject", domain.DecisionRejected, ta.login("bkd2")},
	}

	for _, cid := range ids {
		start := make(chan struct{})
		results := make([]workflowRaw, len(users))
		var wg sync.WaitGroup
		for i, u := range users {
			wg.Go(func() {
				form := workflowForm(1, "reason", "Tidak memenuhi syarat")
				results[i] = ta.workflowPostAsync(u.client, verificationDecidePath(pid, cid, u.action), form, true, start)
			})
		}
		close(start)
		wg.Wait()

		winner := -1
		for i, r := range results {
			if r.err != nil {
				t.Fatalf("candidate %d, %s: %v", cid, users[i].username, r.err)
			}
			if r.status == http.StatusOK {
				if winner >= 0 {
					t.Fatalf("candidate %d: both users won", cid)
				}
				winner = i
			}
		}
		if winner < 0 {
			t.Fatalf("candidate %d: nobody won; statuses %d and %d", cid, results[0].status, results[1].status)
		}
		loser := 1 - winner
		if results[loser].status != http.StatusConflict {
			t.Errorf("candidate %d: loser status %d, want 409", cid, results[loser].status)
		}
		if !strings.Contains(results[loser].body, users[winner].fullName) {
			t.Errorf("candidate %d: loser's row does not name the winner %s", cid, users[winner].fullName)
		}
		if got := ta.workflowCandidate(cid); got.Decision != users[winner].decision || got.Version != 2 {
			t.Errorf("candidate %d: stored %s at version %d, want the winner's %s at version 2",
				cid, got.Decision, got.Version, users[winner].decision)
		}
		events := ta.count(`SELECT count(*) FROM proposal_events WHERE candidate_id = $1 AND action IN ('accept', 'reject')`, cid)
		if events != 1 {
			t.Errorf("candidate %d: %d decision events, want 1", cid, events)
		}
	}
}

// TestConcurrentSendOneWins has two BKD users send the same proposal at the same moment.
func TestConcurrentSendOneWins(t *testing.T) {
	ta := newTestApp(t)
	ta.workflowAddBKD()
	clients := []*http.Client{ta.login("bkd"), ta.login("bkd2")}
	names := []string{"Verifikator BKD", "Verifikator Kedua"}

	for round := range 4 {
		pid, ids := ta.verificationFixture(5, 1, false)
		ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
		version := ta.workflowVersionOf(pid)

		start := make(chan struct{})
		results := make([]workflowRaw, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Go(func() {
				results[i] = ta.workflowPostAsync(c, fmt.Sprintf("/verification/%d/send", pid), workflowForm(version), false, start)
			})
		}
		close(start)
		wg.Wait()

		winner := -1
		for i, r := range results {
			if r.err != nil {
				t.Fatalf("round %d: %v", round, r.err)
			}
			if r.status == http.StatusSeeOther {
				winner = i
			}
		}
		if winner < 0 || results[1-winner].status != http.StatusConflict {
			t.Fatalf("round %d: statuses %d and %d, want one 303 and one 409", round, results[0].status, results[1].status)
		}
		if !strings.Contains(results[1-winner].body, names[winner]) {
			t.Errorf("round %d: loser's page does not name the winner %s", round, names[winner])
		}
		sends := ta.count(`SELECT count(*) FROM proposal_events WHERE proposal_id = $1 AND action = 'send_to_superadmin'`, pid)
		if sends != 1 {
			t.Errorf("round %d: %d send events, want 1", round, sends)
		}
		if got := ta.workflowVersionOf(pid); got != version+1 {
			t.Errorf("round %d: version %d, want %d", round, got, version+1)
		}
	}
}

// TestConcurrentDecisionAndSend races a row change against the send of the same proposal: either
// the change lands first and the proposal goes with it, or the send lands first and the change
// is refused. Never is a decision recorded on a proposal already with the superadmin.
func TestConcurrentDecisionAndSend(t *testing.T) {
	ta := newTestApp(t)
	ta.workflowAddBKD()
	bkd, bkd2 := ta.login("bkd"), ta.login("bkd2")

	for round := range 4 {
		pid, ids := ta.verificationFixture(5, 1, false)
		ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
		version, rowVersion := ta.workflowVersionOf(pid), ta.workflowCandidateVersion(ids[0])

		start := make(chan struct{})
		var send, reject workflowRaw
		var wg sync.WaitGroup
		wg.Go(func() {
			send = ta.workflowPostAsync(bkd, fmt.Sprintf("/verification/%d/send", pid), workflowForm(version), false, start)
		})
		wg.Go(func() {
			reject = ta.workflowPostAsync(bkd2, verificationDecidePath(pid, ids[0], "reject"),
				workflowForm(rowVersion, "reason", "Salah jurusan"), true, start)
		})
		close(start)
		wg.Wait()
		if send.err != nil || reject.err != nil {
			t.Fatalf("round %d: %v %v", round, send.err, reject.err)
		}
		if send.status != http.StatusSeeOther {
			t.Fatalf("round %d: send status %d, want 303", round, send.status)
		}

		var lateDecisions int
		err := ta.store.DB.Get(&lateDecisions, `
			SELECT count(*) FROM proposal_events d JOIN proposal_events s
			  ON s.proposal_id = d.proposal_id AND s.action = 'send_to_superadmin'
			WHERE d.proposal_id = $1 AND d.action = 'reject' AND d.id > s.id`, pid)
		if err != nil {
			t.Fatal(err)
		}
		if lateDecisions != 0 {
			t.Errorf("round %d: a rejection was recorded after the send", round)
		}
		switch reject.status {
		case http.StatusOK:
			if got := ta.workflowCandidate(ids[0]).Decision; got != domain.DecisionRejected {
				t.Errorf("round %d: reject answered 200 but the row is %s", round, got)
			}
		case http.StatusUnprocessableEntity:
			if got := ta.workflowCandidate(ids[0]).Decision; got != domain.DecisionAccepted {
				t.Errorf("round %d: reject refused but the row is %s", round, got)
			}
		default:
			t.Errorf("round %d: reject status %d, want 200 or 422", round, reject.status)
		}
	}
}
