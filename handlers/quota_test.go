package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sinop/domain"
	"sinop/storage"
)

// TestQuotaAfterApprovalCountsOnce checks that an approved proposal's people are counted once:
// as its candidates, not again as employees admitted under the letter.
func TestQuotaAfterApprovalCountsOnce(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(2, 2, true)
	for _, id := range ids {
		ta.workflowDecide(pid, id, domain.DecisionAccepted, "")
	}
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	_, admitted, err := ta.store.ApproveProposal(context.Background(), storage.TransitionRequest{
		ProposalID: pid, Version: ta.workflowVersionOf(pid),
		Actor: storage.Actor{ID: ta.userIDs["superadmin"], Role: domain.RoleSuperadmin},
	})
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	if admitted != 2 {
		t.Fatalf("admitted %d, want 2", admitted)
	}

	quota, err := storage.ProposalQuota(context.Background(), ta.store.DB, pid)
	if err != nil {
		t.Fatal(err)
	}
	if quota.Used() != 2 || quota.Remaining() != 0 || quota.Over() {
		t.Errorf("quota after approval = %+v (used %d, remaining %d), want used 2, remaining 0", quota, quota.Used(), quota.Remaining())
	}

	page := ta.get(ta.login("opd-a"), fmt.Sprintf("/proposals/%d", pid))
	if got := strings.TrimSpace(page.doc(t).Find("#quota-used").Text()); got != "2" {
		t.Errorf("used quota shown %q, want 2", got)
	}
}

// TestQuotaShowsOtherOpenProposals checks that BKD is shown candidates of the letter's other
// proposals in verification, without counting them against this proposal.
func TestQuotaShowsOtherOpenProposals(t *testing.T) {
	ta := newTestApp(t)
	first, _ := ta.verificationFixture(3, 2, false)
	var letter int64
	if err := ta.store.DB.Get(&letter, `SELECT recommendation_id FROM proposals WHERE id = $1`, first); err != nil {
		t.Fatal(err)
	}
	second := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	ta.insertCandidate(ta.completeCandidate(second, 20, "Rina Wulandari"))
	ta.workflowMustMove(second, "opd-a", domain.ActionSubmit, "")

	quota, err := storage.ProposalQuota(context.Background(), ta.store.DB, second)
	if err != nil {
		t.Fatal(err)
	}
	if quota.OtherOpen != 2 {
		t.Errorf("OtherOpen = %d, want the first proposal's 2 candidates", quota.OtherOpen)
	}
	if quota.Used() != 1 {
		t.Errorf("Used = %d, want 1 (this proposal only)", quota.Used())
	}

	doc := ta.get(ta.login("bkd"), fmt.Sprintf("/verification/%d", second)).doc(t)
	if notice := doc.Find("#other-open-notice").Text(); !strings.Contains(notice, "2 calon") {
		t.Errorf("other-proposals notice %q, want it to mention 2 calon", notice)
	}
}
