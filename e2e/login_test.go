package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserLoginWrongPassword(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "wrong password",
		chromedp.Navigate(s.url+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "bkd"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "salah-sekali"),
		chromedp.Click(chromedp.CSS(`#login-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#login-form .notice.error`)),
	)
	if msg := text(t, ctx, `#login-form .notice.error`); !strings.Contains(msg, "kata sandi salah") {
		t.Errorf("error message %q, want the wrong-password explanation", msg)
	}
	value, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=username]`)))
	if err != nil {
		t.Fatal(err)
	}
	if value != "bkd" {
		t.Errorf("username field %q after the error, want bkd kept", value)
	}
}
