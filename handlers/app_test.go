package handlers

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestReadyzNamesFailedStorage(t *testing.T) {
	ta := newTestApp(t).withStorageDown("refused")
	resp := ta.get(ta.client(), "/readyz")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", resp.StatusCode)
	}
	if !strings.Contains(resp.body, "object storage") {
		t.Errorf("body %q does not name object storage", resp.body)
	}
	if strings.Contains(resp.body, "postgresql") {
		t.Errorf("body %q names PostgreSQL, which is up", resp.body)
	}
}

func TestStaticAssetsCachedImmutably(t *testing.T) {
	ta := newTestApp(t)
	page := ta.get(ta.client(), "/login")
	if got := page.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("HTML Cache-Control %q, want no-store", got)
	}
	if got := page.Header.Get("Vary"); !strings.Contains(got, "HX-Request") {
		t.Errorf("HTML Vary %q, want HX-Request", got)
	}
	src, ok := page.doc(t).Find(`script[src*="htmx"]`).Attr("src")
	if !ok {
		t.Fatal("login page loads no htmx script")
	}
	if !strings.HasPrefix(src, "/static/vendor/htmx.min.") || src == "/static/vendor/htmx.min.js" {
		t.Errorf("htmx URL %q carries no content hash", src)
	}

	asset := ta.get(ta.client(), src)
	if asset.StatusCode != http.StatusOK {
		t.Fatalf("asset status %d, want 200", asset.StatusCode)
	}
	if got := asset.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") || !strings.Contains(got, "max-age=31536000") {
		t.Errorf("asset Cache-Control %q, want a one-year immutable cache", got)
	}
	if !strings.Contains(asset.body, "htmx") {
		t.Error("asset body is not htmx")
	}
	if resp := ta.get(ta.client(), "/static/vendor/htmx.min.js"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unfingerprinted URL status %d, want 404", resp.StatusCode)
	}
}

// TestSessionKeyRotation shows that a cookie signed with the previous key still works while that
// key is listed after the new one, and stops working once it is removed.
func TestSessionKeyRotation(t *testing.T) {
	ta := newTestApp(t)
	oldKey := ta.app.Config.SessionKeys[0]
	c := ta.login("bkd")
	u, _ := url.Parse(ta.server.URL)
	cookies := c.Jar.Cookies(u)

	cases := []struct {
		name   string
		keys   []string
		status int
	}{
		{"new key first, old kept", []string{"rotated-session-key-0123456789abcdefghij", oldKey}, http.StatusOK},
		{"old key removed", []string{"rotated-session-key-0123456789abcdefghij"}, http.StatusSeeOther},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := ta.app.Config
			cfg.SessionKeys = tc.keys
			app, err := New(cfg, ta.store, ta.objects, ta.app.Log)
			if err != nil {
				t.Fatal(err)
			}
			server := httptest.NewServer(app.Handler())
			defer server.Close()
			client := ta.client()
			su, _ := url.Parse(server.URL)
			client.Jar.SetCookies(su, cookies)

			resp, err := client.Get(server.URL + "/verification")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
		})
	}
}

func TestCandidateUploadStorageDown(t *testing.T) {
	for _, mode := range []string{"refused", "stalled"} {
		t.Run(mode, func(t *testing.T) {
			base := newTestApp(t)
			pid := base.agencyDraft()
			id := base.agencySavedCandidate(pid, 0, "Siti Aminah")
			ta := base.withStorageDown(mode)
			c := ta.login("opd-a")

			start := time.Now()
			resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/diploma", id), nil,
				[]filePart{fileUpload(t, "file", "pk-pertama.pdf")}, htmxHeaders...)
			elapsed := time.Since(start)

			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503; body %s", resp.StatusCode, resp.body)
			}
			if !strings.Contains(resp.body, "Penyimpanan berkas") {
				t.Errorf("body %q lacks the Indonesian storage message", resp.body)
			}
			if elapsed > 15*time.Second {
				t.Errorf("answered after %v, want within about 10 s", elapsed)
			}
			if n := ta.count(`SELECT count(*) FROM documents`); n != 0 {
				t.Errorf("%d document rows, want none", n)
			}
		})
	}
}
