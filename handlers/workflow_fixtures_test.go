package handlers

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sinop/domain"
	"sinop/storage"
)

// workflowRoles maps the seeded usernames to their roles, for storage calls made as them.
var workflowRoles = map[string]domain.Role{
	"superadmin": domain.RoleSuperadmin,
	"bkd":        domain.RoleBKD,
	"bkd2":       domain.RoleBKD,
	"opd-a":      domain.RoleOPD,
	"opd-b":      domain.RoleOPD,
}

// verificationFixture creates a letter for agency A with quota places and a proposal of n
// complete candidates (with their six documents when withDocuments), submitted by opd-a. It
// returns the proposal's id and the candidates' ids in order.
func (ta *testApp) verificationFixture(quota, n int, withDocuments bool) (int64, []int64) {
	ta.t.Helper()
	letters := ta.count(`SELECT count(*) FROM recommendations`)
	letter := ta.createLetter(ta.agencyA.ID, fmt.Sprintf("800/%d/438.5.2/2026", letters+1), quota)
	pid := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	people := ta.count(`SELECT count(*) FROM candidates`)
	var ids []int64
	for i := range n {
		c := ta.completeCandidate(pid, people+i, fmt.Sprintf("Calon %c", 'A'+people+i))
		id := ta.insertCandidate(c)
		if withDocuments {
			ta.attachDocuments(id)
		}
		ids = append(ids, id)
	}
	ta.workflowMustMove(pid, "opd-a", domain.ActionSubmit, "")
	return pid, ids
}

// workflowMove takes a workflow step on the proposal at its current version, as username.
func (ta *testApp) workflowMove(pid int64, username string, action domain.Action, reason string) error {
	ta.t.Helper()
	_, err := ta.store.TransitionProposal(context.Background(), storage.TransitionRequest{
		ProposalID: pid, Version: ta.workflowVersionOf(pid),
		Actor:  storage.Actor{ID: ta.userIDs[username], Role: workflowRoles[username]},
		Action: action, Reason: reason,
	}, nil)
	return err
}

func (ta *testApp) workflowMustMove(pid int64, username string, action domain.Action, reason string) {
	ta.t.Helper()
	if err := ta.workflowMove(pid, username, action, reason); err != nil {
		ta.t.Fatalf("%s as %s: %v", action, username, err)
	}
}

// workflowDecide records a decision through storage, for arranging a test.
func (ta *testApp) workflowDecide(pid, cid int64, decision domain.Decision, reason string) {
	ta.t.Helper()
	err := ta.store.DecideCandidate(context.Background(), storage.DecisionRequest{
		ProposalID: pid, CandidateID: cid, Version: ta.workflowCandidateVersion(cid),
		Actor: storage.Actor{ID: ta.userIDs["bkd"], Role: domain.RoleBKD}, Decision: decision, Reason: reason,
	})
	if err != nil {
		ta.t.Fatalf("decide candidate %d: %v", cid, err)
	}
}

// workflowAddBKD creates a second BKD account, bkd2, for races between two verifiers.
func (ta *testApp) workflowAddBKD() {
	ta.t.Helper()
	id, err := ta.store.CreateUser(context.Background(), storage.NewUser{
		Username: "bkd2", FullName: "Verifikator Kedua", Password: testPassword, Role: domain.RoleBKD,
	})
	if err != nil {
		ta.t.Fatalf("create bkd2: %v", err)
	}
	ta.userIDs["bkd2"] = id
}

func (ta *testApp) workflowVersionOf(pid int64) int {
	ta.t.Helper()
	return ta.count(`SELECT version FROM proposals WHERE id = $1`, pid)
}

func (ta *testApp) workflowStatusOf(pid int64) domain.Status {
	ta.t.Helper()
	var s domain.Status
	if err := ta.store.DB.Get(&s, `SELECT status FROM proposals WHERE id = $1`, pid); err != nil {
		ta.t.Fatalf("read proposal status: %v", err)
	}
	return s
}

func (ta *testApp) workflowCandidateVersion(cid int64) int {
	ta.t.Helper()
	return ta.count(`SELECT version FROM candidates WHERE id = $1`, cid)
}

// workflowStored is a candidate's decision columns as stored.
type workflowStored struct {
	Decision   domain.Decision `db:"decision"`
	Reason     string          `db:"decision_reason"`
	DecidedBy  sql.NullInt64   `db:"decided_by"`
	Correction string          `db:"correction_reason"`
	Version    int             `db:"version"`
}

func (ta *testApp) workflowCandidate(cid int64) workflowStored {
	ta.t.Helper()
	var s workflowStored
	err := ta.store.DB.Get(&s, `
		SELECT decision, decision_reason, decided_by, correction_reason, version FROM candidates WHERE id = $1`, cid)
	if err != nil {
		ta.t.Fatalf("read candidate %d: %v", cid, err)
	}
	return s
}

// workflowSnapshot describes every row a workflow step may change, so a test can show that a
// refused step changed nothing.
func (ta *testApp) workflowSnapshot() string {
	ta.t.Helper()
	var parts []string
	queries := []string{
		`SELECT coalesce(string_agg(id || ':' || status || ':' || version || ':' || last_reason, ',' ORDER BY id), '') FROM proposals`,
		`SELECT coalesce(string_agg(id || ':' || decision || ':' || decision_reason || ':' || correction_reason || ':' || version, ',' ORDER BY id), '') FROM candidates`,
		`SELECT count(*)::text FROM proposal_events`,
		`SELECT count(*)::text FROM employees`,
		`SELECT coalesce(string_agg(nik || ':' || coalesce(candidate_id, 0) || ':' || coalesce(employee_id, 0), ',' ORDER BY nik), '') FROM active_niks`,
		`SELECT count(*)::text FROM candidate_documents WHERE employee_id IS NOT NULL`,
	}
	for _, q := range queries {
		var s string
		if err := ta.store.DB.Get(&s, q); err != nil {
			ta.t.Fatalf("snapshot %q: %v", q, err)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "\n")
}

// workflowRaw is a response read without the test's t, so goroutines can use it.
type workflowRaw struct {
	status int
	body   string
	err    error
}

// workflowPostAsync sends a same-origin form POST once start closes, as htmx does when asHTMX is
// set, reporting errors instead of failing the test, so goroutines may call it.
func (ta *testApp) workflowPostAsync(c *http.Client, path string, values url.Values, asHTMX bool, start <-chan struct{}) workflowRaw {
	req, err := http.NewRequest(http.MethodPost, ta.server.URL+path, strings.NewReader(values.Encode()))
	if err != nil {
		return workflowRaw{err: err}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if asHTMX {
		req.Header.Set("HX-Request", "true")
	}
	<-start
	resp, err := c.Do(req)
	if err != nil {
		return workflowRaw{err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return workflowRaw{status: resp.StatusCode, body: string(body), err: err}
}

// workflowHTMX are the request headers of an htmx post from the page.
var workflowHTMX = []string{"HX-Request", "true"}

func verificationDecidePath(pid, cid int64, action string) string {
	return fmt.Sprintf("/verification/%d/candidates/%d/%s", pid, cid, action)
}

func workflowForm(version int, pairs ...string) url.Values {
	v := url.Values{"version": {fmt.Sprint(version)}}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v
}

// requireWorkflowStatus stops the test when a response has another status, showing the body.
func requireWorkflowStatus(t *testing.T, resp response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("status %d, want %d; body:\n%s", resp.StatusCode, want, workflowBody(resp.body))
	}
}

func workflowBody(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// workflowFragment parses a row fragment inside a table, as htmx swaps it into one; a bare <tr>
// parsed as a whole document would be dropped. Out-of-band sections end up beside the table.
func workflowFragment(t *testing.T, resp response) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<table><tbody>" + resp.body + "</tbody></table>"))
	if err != nil {
		t.Fatalf("parse fragment: %v", err)
	}
	return doc
}
