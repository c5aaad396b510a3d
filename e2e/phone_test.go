package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
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
	run(t, ctx, "emulate phone", chromedp.Emulate(device.IPhone12))

	pages := map[string][]string{
		"": {"/login"},
		"opd": {"/proposals", fmt.Sprintf("/proposals/%d", proposalID), fmt.Sprintf("/candidates/%d", candidateID),
			fmt.Sprintf("/proposals/%d/candidates/new", proposalID), "/recommendations", "/employees", "/evaluations"},
		"bkd":        {"/verification", fmt.Sprintf("/verification/%d", proposalID), "/recommendations/new", fmt.Sprintf("/recommendations/%d", letterID)},
		"superadmin": {"/review", fmt.Sprintf("/review/%d", proposalID)},
	}
	for _, role := range []string{"", "opd", "bkd", "superadmin"} {
		if role != "" {
			s.login(t, ctx, role)
		}
		for _, path := range pages[role] {
			run(t, ctx, "open "+path, chromedp.Navigate(s.url+path), chromedp.WaitVisible(chromedp.CSS(`main`)))
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
