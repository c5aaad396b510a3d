package handlers

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/views"
)

// htmx request and response headers.
const (
	headerRequest  = "HX-Request"
	headerBoosted  = "HX-Boosted"
	headerRedirect = "HX-Redirect"
	headerRetarget = "HX-Retarget"
	headerReswap   = "HX-Reswap"
)

// isHTMX reports whether htmx sent the request.
func isHTMX(c *gin.Context) bool {
	return c.GetHeader(headerRequest) == "true"
}

// wantsFragment reports whether the response is a fragment alone, which is the case for an htmx
// request that is not a boosted navigation.
func wantsFragment(c *gin.Context) bool {
	return isHTMX(c) && c.GetHeader(headerBoosted) != "true"
}

// renderPage renders a page's named template with status. Every response that depends on
// HX-Request sets Vary to that header, so caches keep the page and the fragment apart.
func (a *App) renderPage(c *gin.Context, status int, page, name string, data any) {
	c.Header("Vary", "HX-Request")
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	var buf bytes.Buffer
	if err := a.Views.Render(&buf, page, name, data); err != nil {
		requestLogger(c).Error("render failed", "page", page, "template", name, "err", err)
		c.Status(http.StatusInternalServerError)
		_, _ = c.Writer.WriteString("Terjadi kesalahan saat menampilkan halaman.")
		return
	}
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
}

// render responds with the page's fragment on htmx requests and with the whole page otherwise.
func (a *App) render(c *gin.Context, status int, page, fragment string, data any) {
	if wantsFragment(c) {
		a.renderPage(c, status, page, fragment, data)
		return
	}
	a.renderPage(c, status, page, "layout", data)
}

// redirect sends the browser to url after a successful POST: HX-Redirect for htmx, 303 otherwise.
func redirect(c *gin.Context, url string) {
	if isHTMX(c) {
		c.Header(headerRedirect, url)
		c.Status(http.StatusNoContent)
		return
	}
	c.Redirect(http.StatusSeeOther, url)
}

// base fills the part of page data every page shares.
func (a *App) base(c *gin.Context, title, nav string) views.Base {
	b := views.Base{Title: title, Nav: nav, Flash: a.takeFlash(c)}
	if u, ok := currentUser(c); ok {
		b.User = &views.Viewer{ID: u.ID, Name: displayName(u.FullName, u.Username), Role: u.Role, AgencyName: u.AgencyName}
	}
	return b
}

func displayName(fullName, username string) string {
	if fullName != "" {
		return fullName
	}
	return username
}
