package handlers

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sinop/config"
	"sinop/demo"
	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
)

// testPassword is every seeded account's password.
const testPassword = "rahasia-uji-123"

// testApp is a running SINOP on a fresh database and bucket, with two agencies and one account
// per role: superadmin, bkd, opd-a (agency A) and opd-b (agency B).
type testApp struct {
	t         *testing.T
	app       *App
	store     *storage.Store
	objects   *storage.Objects
	objCfg    storage.ObjectsConfig
	server    *httptest.Server
	ref       storage.Reference
	agencyA   storage.Agency
	agencyB   storage.Agency
	userIDs   map[string]int64
	logOutput *bytes.Buffer
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	ctx := context.Background()
	store := testenv.Store(t)
	objects, objCfg := testenv.Objects(t)
	if err := demo.LoadReference(ctx, store); err != nil {
		t.Fatalf("load reference: %v", err)
	}
	ref, err := store.LoadReference(ctx)
	if err != nil {
		t.Fatalf("read reference: %v", err)
	}

	ta := &testApp{t: t, store: store, objects: objects, objCfg: objCfg, ref: ref, userIDs: map[string]int64{}}
	for i, a := range []storage.Agency{
		{Code: "1.02.01", Name: "Dinas Kesehatan", Kind: "dinas"},
		{Code: "1.01.01", Name: "Dinas Pendidikan dan Kebudayaan", Kind: "dinas"},
	} {
		id, err := store.CreateAgency(ctx, a)
		if err != nil {
			t.Fatalf("create agency: %v", err)
		}
		a.ID = id
		if i == 0 {
			ta.agencyA = a
		} else {
			ta.agencyB = a
		}
	}
	for _, u := range []storage.NewUser{
		{Username: "superadmin", FullName: "Kepala BKD", Role: domain.RoleSuperadmin},
		{Username: "bkd", FullName: "Verifikator BKD", Role: domain.RoleBKD},
		{Username: "opd-a", FullName: "Admin Dinkes", Role: domain.RoleOPD, AgencyID: ta.agencyA.ID},
		{Username: "opd-b", FullName: "Admin Disdik", Role: domain.RoleOPD, AgencyID: ta.agencyB.ID},
	} {
		u.Password = testPassword
		id, err := store.CreateUser(ctx, u)
		if err != nil {
			t.Fatalf("create user %s: %v", u.Username, err)
		}
		ta.userIDs[u.Username] = id
	}

	cfg := config.Config{
		SessionKeys:   []string{"test-session-key-0123456789abcdef0123456789"},
		MaxImageBytes: 5 << 20,
		MaxPDFBytes:   10 << 20,
		S3Bucket:      objCfg.Bucket,
	}
	ta.logOutput = &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(ta.logOutput, &slog.HandlerOptions{Level: slog.LevelWarn}))
	app, err := New(cfg, store, objects, logger)
	if err != nil {
		t.Fatalf("new app: %v", err)
	}
	ta.app = app
	ta.server = httptest.NewServer(app.Handler())
	t.Cleanup(ta.server.Close)
	return ta
}

// client returns an HTTP client with its own cookie jar that does not follow redirects.
func (ta *testApp) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// login returns a client signed in as username.
func (ta *testApp) login(username string) *http.Client {
	ta.t.Helper()
	c := ta.client()
	resp := ta.postForm(c, "/login", url.Values{"username": {username}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		ta.t.Fatalf("login %s: status %d, want 303; body: %s", username, resp.StatusCode, resp.body)
	}
	return c
}

// response is an HTTP response with its body read.
type response struct {
	*http.Response
	body string
}

// doc parses the body as HTML.
func (r response) doc(t *testing.T) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return d
}

func (ta *testApp) do(c *http.Client, req *http.Request) response {
	ta.t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		ta.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		ta.t.Fatalf("read %s %s: %v", req.Method, req.URL.Path, err)
	}
	return response{Response: resp, body: string(body)}
}

// get sends a GET; headers are name, value pairs (for example "HX-Request", "true").
func (ta *testApp) get(c *http.Client, path string, headers ...string) response {
	ta.t.Helper()
	req, err := http.NewRequest(http.MethodGet, ta.server.URL+path, nil)
	if err != nil {
		ta.t.Fatal(err)
	}
	setHeaders(req, headers)
	return ta.do(c, req)
}

// postForm sends a url-encoded POST as a same-origin browser form would.
func (ta *testApp) postForm(c *http.Client, path string, values url.Values, headers ...string) response {
	ta.t.Helper()
	req, err := http.NewRequest(http.MethodPost, ta.server.URL+path, strings.NewReader(values.Encode()))
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	setHeaders(req, headers)
	return ta.do(c, req)
}

// filePart is one file part of a multipart request.
type filePart struct {
	field, filename string
	content         []byte
}

// fileUpload reads a file from testdata/files as an upload for field.
func fileUpload(t *testing.T, field, sharedName string) filePart {
	t.Helper()
	content, err := os.ReadFile(testenv.TestFile(t, sharedName))
	if err != nil {
		t.Fatal(err)
	}
	return filePart{field: field, filename: filepath.Base(sharedName), content: content}
}

// postMultipart sends text fields first and files after them, as a browser sends a form whose file
// inputs come last.
func (ta *testApp) postMultipart(c *http.Client, path string, values url.Values, files []filePart, headers ...string) response {
	ta.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, vs := range values {
		for _, v := range vs {
			if err := w.WriteField(name, v); err != nil {
				ta.t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		part, err := w.CreateFormFile(f.field, f.filename)
		if err != nil {
			ta.t.Fatal(err)
		}
		if _, err := part.Write(f.content); err != nil {
			ta.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		ta.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, ta.server.URL+path, &buf)
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	setHeaders(req, headers)
	return ta.do(c, req)
}

func setHeaders(req *http.Request, headers []string) {
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
}

// count returns the number of rows the query returns as its single value.
func (ta *testApp) count(query string, args ...any) int {
	ta.t.Helper()
	var n int
	if err := ta.store.DB.Get(&n, query, args...); err != nil {
		ta.t.Fatalf("count %q: %v", query, err)
	}
	return n
}

// objectCount returns the number of objects in the test bucket.
func (ta *testApp) objectCount() int {
	ta.t.Helper()
	return len(testenv.BucketKeys(ta.t, ta.objCfg))
}
