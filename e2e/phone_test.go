package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"sinop/domain"
	"sinop/storage"
)

// TestBrowserPagesFitPhone opens each role's main pages on a phone-sized screen and checks that
// none is wider than the screen: wide tables must scroll inside their own box.
func TestBrowserPagesFitPhone(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	ref, err := s.store.LoadReference(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	letterID := s.createLetter(t, ref, 2)
	proposalID, err := s.store.CreateProposal(context.Background(), s.agency.ID, letterID, s.users["opd"])
	if err != nil {
		t.Fatal(err)
	}
	candidateID := s.seedCandidate(t, ref, proposalID, "Siti Rahmawati", testNIK(7, true))
	submittedID, err := s.store.CreateProposal(context.Background(), s.agency.ID, letterID, s.users["opd"])
	if err != nil {
		t.Fatal(err)
	}
	s.seedCandidate(t, ref, submittedID, "Rina Wulandari", testNIK(8, true))
	_, err = s.store.TransitionProposal(context.Background(), storage.TransitionRequest{ProposalID: submittedID, Version: 1,
		Actor: storage.Actor{ID: s.users["opd"], Role: domain.RoleOPD}, Action: domain.ActionSubmit}, nil)
	if err != nil {
		t.Fatalf("submit proposal: %v", err)
	}
	run(t, ctx, "emulate phone", chromedp.Emulate(device.IPhone12))

	pages := map[string][]string{
		"": {"/login"},
		"opd": {"/proposals", fmt.Sprintf("/proposals/%d", proposalID), fmt.Sprintf("/candidates/%d", candidateID),
			fmt.Sprintf("/proposals/%d/candidates/new", proposalID), "/recommendations", "/employees", "/evaluations"},
		"bkd":        {"/verification", fmt.Sprintf("/verification/%d", submittedID), "/recommendations/new", fmt.Sprintf("/recommendations/%d", letterID)},
		"superadmin": {"/review", fmt.Sprintf("/review/%d", submittedID)},
	}
	for _, role := range []string{"", "opd", "bkd", "superadmin"} {
		if role != "" {
			s.login(t, ctx, role)
		}
		for _, path := range pages[role] {
			resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.url+path))
			if err != nil {
				t.Fatalf("open %s: %v", path, err)
			}
			if resp.Status != 200 {
				t.Errorf("%s as %q answered %d, want 200", path, role, resp.Status)
			}
			saveScreenshot(t, ctx, "phone "+role+" "+path)
			overflow := evaluate[int](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`)
			if overflow > 0 {
				t.Errorf("%s as %q is %d px wider than a phone screen", path, role, overflow)
			}
		}
		if role != "" {
			s.logout(t, ctx)
		}
	}
}
