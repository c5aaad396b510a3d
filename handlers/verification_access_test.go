package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sinop/domain"
)

// TestWorkflowRoutesByRole sends every verification and review route as each role. The allowed
// role's posts are ones the server refuses for their content (stale version, missing reason,
// wrong status), so no request in the table changes anything, which the test checks at the end.
func TestWorkflowRoutesByRole(t *testing.T) {
	ta := newTestApp(t)
	submitted, subIDs := ta.verificationFixture(5, 2, false)
	review, revIDs := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(review, revIDs[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(review, "bkd", domain.ActionSendToSuperadmin, "")
	before := ta.workflowSnapshot()

	subVersion := ta.workflowVersionOf(submitted)
	revVersion := ta.workflowVersionOf(review)
	routes := []struct {
		name    string
		method  string
		path    string
		form    url.Values
		allowed string // the role that reaches the handler
		want    int    // that role's status
	}{
		{"verification queue", http.MethodGet, "/verification", nil, "bkd", http.StatusOK},
		{"verification page", http.MethodGet, fmt.Sprintf("/verification/%d", submitted), nil, "bkd", http.StatusOK},
		{"accept stale", http.MethodPost, verificationDecidePath(submitted, subIDs[0], "accept"),
			workflowForm(0), "bkd", http.StatusConflict},
		{"reject without reason", http.MethodPost, verificationDecidePath(submitted, subIDs[0], "reject"),
			workflowForm(1), "bkd", http.StatusUnprocessableEntity},
		{"return without reason", http.MethodPost, fmt.Sprintf("/verification/%d/return", submitted),
			workflowForm(subVersion), "bkd", http.StatusUnprocessableEntity},
		{"send undecided", http.MethodPost, fmt.Sprintf("/verification/%d/send", submitted),
			workflowForm(subVersion), "bkd", http.StatusUnprocessableEntity},
		{"review queue", http.MethodGet, "/review", nil, "superadmin", http.StatusOK},
		{"review page", http.MethodGet, fmt.Sprintf("/review/%d", review), nil, "superadmin", http.StatusOK},
		{"approve wrong status", http.MethodPost, fmt.Sprintf("/review/%d/approve", submitted),
			workflowForm(subVersion), "superadmin", http.StatusUnprocessableEntity},
		{"approve stale", http.MethodPost, fmt.Sprintf("/review/%d/approve", review),
			workflowForm(revVersion - 1), "superadmin", http.StatusConflict},
		{"review return without reason", http.MethodPost, fmt.Sprintf("/review/%d/return", review),
			workflowForm(revVersion, fmt.Sprintf("correction_%d", revIDs[0]), "Periksa ijazah"), "superadmin",
			http.StatusUnprocessableEntity},
	}
	clients := map[string]*http.Client{
		"superadmin": ta.login("superadmin"),
		"bkd":        ta.login("bkd"),
		"opd-a":      ta.login("opd-a"),
		"anonymous":  ta.client(),
	}
	for _, route := range routes {
		for _, user := range []string{"superadmin", "bkd", "opd-a", "anonymous"} {
			t.Run(route.name+"/"+user, func(t *testing.T) {
				var resp response
				if route.method == http.MethodGet {
					resp = ta.get(clients[user], route.path)
				} else {
					resp = ta.postForm(clients[user], route.path, route.form)
				}
				switch user {
				case route.allowed:
					requireWorkflowStatus(t, resp, route.want)
				case "anonymous":
					requireWorkflowStatus(t, resp, http.StatusSeeOther)
					if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, "/login") {
						t.Errorf("Location %q, want the login page", loc)
					}
				default:
					requireWorkflowStatus(t, resp, http.StatusForbidden)
				}
			})
		}
	}

	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("refused requests changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestWorkflowPagesHideDrafts(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/9/2026", 3)
	draft := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	ta.insertCandidate(ta.completeCandidate(draft, 0, "Calon Draf"))
	cases := []struct {
		user string
		path string
	}{
		{"bkd", fmt.Sprintf("/verification/%d", draft)},
		{"superadmin", fmt.Sprintf("/review/%d", draft)},
		{"bkd", "/verification/999999"},
		{"bkd", "/verification/abc"},
		{"superadmin", "/review/0"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			resp := ta.get(ta.login(tc.user), tc.path)
			requireWorkflowStatus(t, resp, http.StatusNotFound)
		})
	}
}

func TestVerificationDraftNotDecidable(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/10/2026", 3)
	draft := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	cid := ta.insertCandidate(ta.completeCandidate(draft, 0, "Calon Draf"))
	before := ta.workflowSnapshot()

	resp := ta.postForm(ta.login("bkd"), verificationDecidePath(draft, cid, "accept"), workflowForm(1), workflowHTMX...)
	requireWorkflowStatus(t, resp, http.StatusNotFound)
	if after := ta.workflowSnapshot(); after != before {
		t.Errorf("accept on a draft changed rows:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
