package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLoginLandsOnRoleStartPage(t *testing.T) {
	ta := newTestApp(t)
	cases := []struct {
		username string
		want     string
	}{
		{"superadmin", "/review"},
		{"bkd", "/verification"},
		{"opd-a", "/proposals"},
	}
	for _, tc := range cases {
		t.Run(tc.username, func(t *testing.T) {
			c := ta.client()
			resp := ta.postForm(c, "/login", url.Values{"username": {tc.username}, "password": {testPassword}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d, want 303", resp.StatusCode)
			}
			if got := resp.Header.Get("Location"); got != tc.want {
				t.Errorf("Location %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLoginWrongPasswordKeepsUsername(t *testing.T) {
	ta := newTestApp(t)
	resp := ta.postForm(ta.client(), "/login", url.Values{"username": {"bkd"}, "password": {"salah"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	doc := resp.doc(t)
	if got, _ := doc.Find(`input[name=username]`).Attr("value"); got != "bkd" {
		t.Errorf("username field %q, want it kept as bkd", got)
	}
	if msg := doc.Find(`.notice.error`).Text(); !strings.Contains(msg, "kata sandi salah") {
		t.Errorf("error message %q lacks the Indonesian explanation", msg)
	}
}

func TestLogoutEndsSessionForCopiedCookie(t *testing.T) {
	ta := newTestApp(t)
	c := ta.login("bkd")
	u, _ := url.Parse(ta.server.URL)
	cookies := c.Jar.Cookies(u)

	if resp := ta.postForm(c, "/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout status %d, want 303", resp.StatusCode)
	}

	// A copy of the cookie taken before logout must no longer work.
	replay := ta.client()
	replay.Jar.SetCookies(u, cookies)
	resp := ta.get(replay, "/verification")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("replayed cookie: status %d Location %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestExpiredSessionOnHTMXRedirectsWithHeader(t *testing.T) {
	ta := newTestApp(t)
	resp := ta.get(ta.client(), "/verification", "HX-Request", "true")
	if got := resp.Header.Get("HX-Redirect"); got != "/login" {
		t.Errorf("HX-Redirect %q, want /login", got)
	}
	if strings.Contains(resp.body, "<form") {
		t.Error("htmx response contains a login form; it must only redirect")
	}
}

func TestCrossSitePostRejected(t *testing.T) {
	ta := newTestApp(t)
	c := ta.login("opd-a")
	resp := ta.postForm(c, "/logout", nil, "Sec-Fetch-Site", "cross-site")
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("status %d, want 403", resp.StatusCode)
	}
	// The session survived: the cross-site logout did nothing.
	if got := ta.count(`SELECT count(*) FROM sessions`); got != 1 {
		t.Errorf("sessions = %d, want 1", got)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	ta := newTestApp(t)
	resp := ta.postForm(ta.client(), "/login", url.Values{"username": {"bkd"}, "password": {testPassword}},
		"X-Forwarded-Proto", "https")
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie set on login")
	}
	if !cookie.HttpOnly {
		t.Error("session cookie is not HttpOnly")
	}
	if cookie.SameSite != http.SameSiteLaxMode {
		t.Errorf("SameSite = %v, want Lax", cookie.SameSite)
	}
	if !cookie.Secure {
		t.Error("session cookie over HTTPS is not Secure")
	}
}

func TestHealthAndReadiness(t *testing.T) {
	ta := newTestApp(t)
	if resp := ta.get(ta.client(), "/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("healthz status %d, want 200", resp.StatusCode)
	}
	if resp := ta.get(ta.client(), "/readyz"); resp.StatusCode != http.StatusOK {
		t.Errorf("readyz status %d, want 200; body %q", resp.StatusCode, resp.body)
	}
}
