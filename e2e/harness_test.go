package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sinop/config"
	"sinop/demo"
	"sinop/domain"
	"sinop/handlers"
	"sinop/storage"
	"sinop/testenv"
)

const password = "rahasia-uji-123"

// site is a running SINOP on a fresh database and bucket with one agency (Dinas Kesehatan) and
// an account per role: superadmin, bkd, opd.
type site struct {
	url     string
	store   *storage.Store
	objects *storage.Objects
	agency  storage.Agency
	users   map[string]int64
}

func startSite(t *testing.T) *site {
	t.Helper()
	ctx := context.Background()
	store := testenv.Store(t)
	objects, objCfg := testenv.Objects(t)
	if err := demo.LoadReference(ctx, store); err != nil {
		t.Fatalf("load reference: %v", err)
	}
	agency := storage.Agency{Code: "1.02.01", Name: "Dinas Kesehatan", Kind: "dinas"}
	id, err := store.CreateAgency(ctx, agency)
	if err != nil {
		t.Fatalf("create agency: %v", err)
	}
	agency.ID = id
	s := &site{store: store, objects: objects, agency: agency, users: map[string]int64{}}
	for _, u := range []storage.NewUser{
		{Username: "superadmin", FullName: "Kepala BKD", Role: domain.RoleSuperadmin},
		{Username: "bkd", FullName: "Verifikator BKD", Role: domain.RoleBKD},
		{Username: "opd", FullName: "Admin Dinkes", Role: domain.RoleOPD, AgencyID: agency.ID},
	} {
		u.Password = password
		uid, err := store.CreateUser(ctx, u)
		if err != nil {
			t.Fatalf("create user %s: %v", u.Username, err)
		}
		s.users[u.Username] = uid
	}

	cfg := config.Config{
		SessionKeys:   []string{"browser-test-session-key-0123456789abcdef"},
		MaxImageBytes: 5 << 20,
		MaxPDFBytes:   10 << 20,
		S3Bucket:      objCfg.Bucket,
	}
	app, err := handlers.New(cfg, store, objects, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("new app: %v", err)
	}
	server := httptest.NewServer(app.Handler())
	t.Cleanup(server.Close)
	s.url = server.URL
	return s
}

// chromiumPath finds Debian's Chromium, or CHROMIUM_PATH when set.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH; make test installs it")
	return ""
}

// newBrowser starts headless Chromium with a fresh profile and no background traffic, and returns
// a context for a tab with a phone-sized or desktop viewport.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// run executes browser steps and, on failure, saves a screenshot and the page's HTML next to the
// test's output so the failing screen can be looked at.
func run(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	stepCtx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	if err := chromedp.Do(stepCtx, steps...); err != nil {
		dir := os.Getenv("E2E_ARTIFACTS")
		if dir == "" {
			dir = t.TempDir()
		}
		_ = os.MkdirAll(dir, 0o755)
		name := strings.NewReplacer(" ", "-", "/", "-").Replace(step)
		if shot, shotErr := chromedp.Run(ctx, chromedp.FullScreenshot(100)); shotErr == nil {
			_ = os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644)
		}
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
		t.Fatalf("%s: %v\npage HTML:\n%s", step, err, truncate(html, 6000))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// text returns the text of the first element matching the CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	stepCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(stepCtx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("read text of %s: %v", css, err)
	}
	return s
}

// location returns the current URL's path.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("read location: %v", err)
	}
	if i := strings.Index(loc, "://"); i >= 0 {
		loc = loc[i+3:]
		if j := strings.Index(loc, "/"); j >= 0 {
			return loc[j:]
		}
	}
	return loc
}

// login signs in through the login form and waits for the start page.
func (s *site) login(t *testing.T, ctx context.Context, username string) {
	t.Helper()
	run(t, ctx, "login "+username,
		chromedp.Navigate(s.url+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password),
		chromedp.Click(chromedp.CSS(`#login-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`header.site .who`)),
	)
}

// logout signs out through the menu's button.
func (s *site) logout(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "logout",
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#login-form`)),
	)
}

// settled waits until htmx has no request in flight and no swap in progress, so a click reaches
// the element that the last swap put in place.
func settled() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](`document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added') === null`)(ctx, t)
		return err
	})
}

// saveScreenshot stores a full-page PNG in E2E_ARTIFACTS when that variable names a folder, for
// looking at pages by eye; without it nothing is saved.
func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("E2E_ARTIFACTS")
	if dir == "" {
		return
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	file := strings.NewReplacer(" ", "-", "/", "_").Replace(name) + ".png"
	if err := os.WriteFile(filepath.Join(dir, file), shot, 0o644); err != nil {
		t.Logf("save screenshot %s: %v", name, err)
	}
}
