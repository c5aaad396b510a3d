package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"sinop/domain"
	"sinop/storage"
)

// TestBrowserApprovalRefusedOverQuota has two proposals of one letter reach the superadmin, each
// fitting the quota alone. After the first is approved, approving the second is refused: the page
// explains why and stays at the proposal's own address.
func TestBrowserApprovalRefusedOverQuota(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	acceptConfirmDialogs(t, ctx)
	bg := context.Background()
	ref, err := s.store.LoadReference(bg)
	if err != nil {
		t.Fatal(err)
	}
	letter := s.createLetter(t, ref, 1)

	var proposals []int64
	for i, name := range []string{"Siti Rahmawati", "Rina Wulandari"} {
		pid, err := s.store.CreateProposal(bg, s.agency.ID, letter, s.users["opd"])
		if err != nil {
			t.Fatal(err)
		}
		cid := s.seedCandidate(t, ref, pid, name, testNIK(30+i, true))
		s.move(t, pid, "opd", domain.RoleOPD, domain.ActionSubmit)
		var version int
		if err := s.store.DB.Get(&version, `SELECT version FROM candidates WHERE id = $1`, cid); err != nil {
			t.Fatal(err)
		}
		err = s.store.DecideCandidate(bg, storage.DecisionRequest{ProposalID: pid, CandidateID: cid, Version: version,
			Actor: storage.Actor{ID: s.users["bkd"], Role: domain.RoleBKD}, Decision: domain.DecisionAccepted})
		if err != nil {
			t.Fatalf("accept candidate: %v", err)
		}
		s.move(t, pid, "bkd", domain.RoleBKD, domain.ActionSendToSuperadmin)
		proposals = append(proposals, pid)
	}
	if _, _, err := s.store.ApproveProposal(bg, storage.TransitionRequest{ProposalID: proposals[0], Version: s.version(t, proposals[0]),
		Actor: storage.Actor{ID: s.users["superadmin"], Role: domain.RoleSuperadmin}}); err != nil {
		t.Fatalf("approve first proposal: %v", err)
	}

	s.login(t, ctx, "superadmin")
	reviewPath := fmt.Sprintf("/review/%d", proposals[1])
	run(t, ctx, "approve over quota",
		chromedp.Navigate(s.url+reviewPath),
		chromedp.Click(chromedp.CSS(`#review-approve-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#action-error`)),
	)
	if msg := text(t, ctx, `#action-error`); !strings.Contains(msg, "kuota") {
		t.Errorf("refusal %q does not mention the quota", msg)
	}
	if path := location(t, ctx); path != reviewPath {
		t.Errorf("address after the refusal %q, want the proposal's page %s", path, reviewPath)
	}
	var status string
	if err := s.store.DB.Get(&status, `SELECT status FROM proposals WHERE id = $1`, proposals[1]); err != nil {
		t.Fatal(err)
	}
	if status != string(domain.StatusInFinalReview) {
		t.Errorf("refused proposal has status %s, want it still in final review", status)
	}
}

// move takes a workflow step as the named user at the proposal's current version.
func (s *site) move(t *testing.T, pid int64, username string, role domain.Role, action domain.Action) {
	t.Helper()
	_, err := s.store.TransitionProposal(context.Background(), storage.TransitionRequest{ProposalID: pid, Version: s.version(t, pid),
		Actor: storage.Actor{ID: s.users[username], Role: role}, Action: action}, nil)
	if err != nil {
		t.Fatalf("%s as %s: %v", action, username, err)
	}
}

func (s *site) version(t *testing.T, pid int64) int {
	t.Helper()
	var v int
	if err := s.store.DB.Get(&v, `SELECT version FROM proposals WHERE id = $1`, pid); err != nil {
		t.Fatal(err)
	}
	return v
}
