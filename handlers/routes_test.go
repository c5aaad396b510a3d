package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// Roles as the route table names them: anonymous, the two agencies' admins, BKD and superadmin.
var routeRoles = []string{"anonymous", "opd-a", "opd-b", "bkd", "superadmin"}

// routeAccess is the status each role gets from a route, in routeRoles order. For GET, every status
// is checked. For POST, only refusals are (303 to login, 403, 404), because the areas' own tests
// send valid forms. A 0 marks a role the route serves, which this test does not exercise.
type routeAccess [5]int

const (
	ok        = http.StatusOK
	login     = http.StatusSeeOther
	forbidden = http.StatusForbidden
	notFound  = http.StatusNotFound
	served    = 0
)

// routeTable lists every route SINOP registers. TestEveryRouteHasAccessRules fails when a route
// is added without a line here, so no route escapes the role checks.
var routeTable = map[string]routeAccess{
	"GET /healthz": {ok, ok, ok, ok, ok},
	"GET /readyz":  {ok, ok, ok, ok, ok},
	"GET /login":   {ok, login, login, login, login},
	"POST /login":  {served, served, served, served, served},
	"POST /logout": {served, served, served, served, served},
	"GET /":        {login, login, login, login, login},

	"GET /recommendations":         {login, ok, ok, ok, ok},
	"GET /recommendations/new":     {login, forbidden, forbidden, ok, forbidden},
	"GET /recommendations/new/row": {login, forbidden, forbidden, ok, forbidden},
	"POST /recommendations":        {login, forbidden, forbidden, served, forbidden},
	"GET /recommendations/:id":     {login, ok, notFound, ok, ok},
	"GET /documents/:id":           {login, ok, notFound, ok, ok},
	"HEAD /documents/:id":          {login, ok, notFound, ok, ok},

	"GET /proposals":                       {login, ok, ok, forbidden, forbidden},
	"POST /proposals":                      {login, served, notFound, forbidden, forbidden},
	"GET /proposals/:id":                   {login, ok, notFound, forbidden, forbidden},
	"POST /proposals/:id/submit":           {login, served, notFound, forbidden, forbidden},
	"GET /proposals/:id/candidates/new":    {login, ok, notFound, forbidden, forbidden},
	"POST /proposals/:id/candidates":       {login, served, notFound, forbidden, forbidden},
	"GET /candidates/:id":                  {login, ok, notFound, forbidden, forbidden},
	"POST /candidates/:id":                 {login, served, notFound, forbidden, forbidden},
	"POST /candidates/:id/remove":          {login, served, notFound, forbidden, forbidden},
	"POST /candidates/:id/documents/:kind": {login, served, notFound, forbidden, forbidden},
	"GET /employees":                       {login, ok, ok, forbidden, forbidden},
	"GET /employees/:id":                   {login, ok, notFound, forbidden, forbidden},
	"GET /evaluations":                     {login, ok, ok, forbidden, forbidden},

	"GET /verification":                             {login, forbidden, forbidden, ok, forbidden},
	"GET /verification/:id":                         {login, forbidden, forbidden, ok, forbidden},
	"POST /verification/:id/candidates/:cid/accept": {login, forbidden, forbidden, served, forbidden},
	"POST /verification/:id/candidates/:cid/reject": {login, forbidden, forbidden, served, forbidden},
	"POST /verification/:id/return":                 {login, forbidden, forbidden, served, forbidden},
	"POST /verification/:id/send":                   {login, forbidden, forbidden, served, forbidden},
	"GET /review":                                   {login, forbidden, forbidden, forbidden, ok},
	"GET /review/:id":                               {login, forbidden, forbidden, forbidden, ok},
	"POST /review/:id/approve":                      {login, forbidden, forbidden, forbidden, served},
	"POST /review/:id/return":                       {login, forbidden, forbidden, forbidden, served},
}

func registeredRoutes(t *testing.T, ta *testApp) []gin.RouteInfo {
	t.Helper()
	engine, ok := ta.app.Handler().(*gin.Engine)
	if !ok {
		t.Fatal("App.Handler is not a *gin.Engine")
	}
	var out []gin.RouteInfo
	for _, r := range engine.Routes() {
		if strings.HasPrefix(r.Path, "/static/") {
			continue
		}
		out = append(out, r)
	}
	return out
}

func TestEveryRouteHasAccessRules(t *testing.T) {
	ta := newTestApp(t)
	registered := map[string]bool{}
	for _, r := range registeredRoutes(t, ta) {
		key := r.Method + " " + r.Path
		registered[key] = true
		if _, ok := routeTable[key]; !ok {
			t.Errorf("route %s has no line in routeTable", key)
		}
	}
	for key := range routeTable {
		if !registered[key] {
			t.Errorf("routeTable lists %s, which is not registered", key)
		}
	}
}

// TestRoutesByRole requests every route as every role on agency A's records: a draft proposal
// with a candidate and a document, a submitted proposal, a letter and an employee. Refused
// POSTs must leave the database as it was.
func TestRoutesByRole(t *testing.T) {
	ta := newTestApp(t)
	submitted, submittedCandidates := ta.verificationFixture(3, 1, false)
	letter := ta.createLetter(ta.agencyA.ID, "800/77/438.5.2/2026", 2)
	draft := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
	candidate := ta.insertCandidate(ta.completeCandidate(draft, 40, "Rina Wulandari"))
	document := ta.attachDocument(candidate, "diploma", "ijazah-scan.pdf")
	employee := ta.agencyEmployee(ta.agencyA.ID, 41, "Budi Hartono")

	clients := map[string]*http.Client{"anonymous": ta.client()}
	for _, role := range routeRoles[1:] {
		clients[role] = ta.login(role)
	}

	for _, r := range registeredRoutes(t, ta) {
		key := r.Method + " " + r.Path
		access := routeTable[key]
		path := fillRoute(r.Path, map[string]int64{
			"proposal": draft, "workflow": submitted, "candidate": candidate, "cid": submittedCandidates[0],
			"letter": letter, "document": document.ID, "employee": employee,
		})
		for i, role := range routeRoles {
			want := access[i]
			if want == served {
				continue
			}
			t.Run(fmt.Sprintf("%s as %s", key, role), func(t *testing.T) {
				before := ta.workflowSnapshot() + ta.agencySnapshot()
				var resp response
				switch r.Method {
				case http.MethodGet:
					resp = ta.get(clients[role], path)
				case http.MethodHead:
					req, err := http.NewRequest(http.MethodHead, ta.server.URL+path, nil)
					if err != nil {
						t.Fatal(err)
					}
					resp = ta.do(clients[role], req)
				default:
					resp = ta.postForm(clients[role], path, url.Values{"version": {"1"}, "reason": {"uji akses"},
						"recommendation_id": {fmt.Sprint(letter)}, "nik": {testNIK(60, false)}})
				}
				if resp.StatusCode != want {
					t.Fatalf("status %d, want %d", resp.StatusCode, want)
				}
				if want == login && !strings.HasPrefix(resp.Header.Get("Location"), "/login") && r.Path != "/" && r.Path != "/login" {
					t.Errorf("Location %q, want the login page", resp.Header.Get("Location"))
				}
				if r.Method == http.MethodPost {
					if after := ta.workflowSnapshot() + ta.agencySnapshot(); after != before {
						t.Errorf("refused %s changed the database:\nbefore %s\nafter  %s", key, before, after)
					}
				}
			})
		}
	}
}

// fillRoute replaces a route's parameters with fixture ids, choosing by the route's area.
func fillRoute(path string, ids map[string]int64) string {
	id := ids["proposal"]
	switch {
	case strings.HasPrefix(path, "/verification/"), strings.HasPrefix(path, "/review/"):
		id = ids["workflow"]
	case strings.HasPrefix(path, "/candidates/"):
		id = ids["candidate"]
	case strings.HasPrefix(path, "/recommendations/"):
		id = ids["letter"]
	case strings.HasPrefix(path, "/documents/"):
		id = ids["document"]
	case strings.HasPrefix(path, "/employees/"):
		id = ids["employee"]
	}
	path = strings.Replace(path, ":id", fmt.Sprint(id), 1)
	path = strings.Replace(path, ":cid", fmt.Sprint(ids["cid"]), 1)
	return strings.Replace(path, ":kind", "diploma", 1)
}

// agencySnapshot describes the rows agency actions may change, beyond the workflow's.
func (ta *testApp) agencySnapshot() string {
	ta.t.Helper()
	var s string
	err := ta.store.DB.Get(&s, `SELECT (SELECT count(*) FROM proposals) || '/' || (SELECT count(*) FROM candidates) || '/' ||
		(SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM recommendations) || '/' ||
		(SELECT coalesce(max(updated_at)::text, '') FROM candidates) || '/' || (SELECT count(*) FROM candidates WHERE removed_at IS NOT NULL)`)
	if err != nil {
		ta.t.Fatalf("agency snapshot: %v", err)
	}
	return s
}
