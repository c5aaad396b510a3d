package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"

	"sinop/domain"
	"sinop/storage"
)

const (
	sessionCookie = "sinop_session"
	keyUser       = "user"
	keySession    = "session"
)

// loadSession reads the session cookie and, when it names a live session of an active user, puts
// that user in the context. Any problem with the cookie simply leaves the request anonymous.
func (a *App) loadSession() gin.HandlerFunc {
	return func(c *gin.Context) {
		session, err := a.sessions.Get(c.Request, sessionCookie)
		if err != nil {
			// A cookie signed with a retired key, or tampered with: start afresh.
			session, _ = a.sessions.New(c.Request, sessionCookie)
		}
		c.Set(keySession, session)
		token, _ := session.Values["token"].(string)
		if token == "" {
			c.Next()
			return
		}
		user, err := a.Store.SessionUser(c.Request.Context(), token)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			a.fail(c, err)
			c.Abort()
			return
		default:
			c.Set(keyUser, user)
		}
		c.Next()
	}
}

func currentSession(c *gin.Context) *sessions.Session {
	s, _ := c.Get(keySession)
	session, _ := s.(*sessions.Session)
	return session
}

// currentUser returns the signed-in user.
func currentUser(c *gin.Context) (storage.User, bool) {
	u, ok := c.Get(keyUser)
	if !ok {
		return storage.User{}, false
	}
	return u.(storage.User), true
}

// mustUser returns the signed-in user; routes behind requireRole always have one.
func mustUser(c *gin.Context) storage.User {
	u, _ := currentUser(c)
	return u
}

// saveSession writes the session cookie, with Secure when the request came over HTTPS.
func (a *App) saveSession(c *gin.Context, session *sessions.Session) error {
	options := *a.sessions.Options
	options.Secure = a.Config.SecureCookies || c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https"
	session.Options = &options
	return session.Save(c.Request, c.Writer)
}

// requireRole lets through only signed-in users of the given roles. Anonymous users go to the
// login page (with HX-Redirect on htmx requests, so no login form lands inside a fragment).
func (a *App) requireRole(roles ...domain.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		user, ok := currentUser(c)
		if !ok {
			target := "/login"
			if c.Request.Method == http.MethodGet && !isHTMX(c) {
				target += "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
			}
			if isHTMX(c) {
				c.Header(headerRedirect, target)
				c.AbortWithStatus(http.StatusUnauthorized)
				return
			}
			c.Redirect(http.StatusSeeOther, target)
			c.Abort()
			return
		}
		for _, r := range roles {
			if user.Role == r {
				c.Next()
				return
			}
		}
		a.fail(c, errForbidden())
		c.Abort()
	}
}

// setFlash stores a one-time message shown on the next page.
func (a *App) setFlash(c *gin.Context, message string) {
	session := currentSession(c)
	if session == nil {
		return
	}
	session.AddFlash(message)
	if err := a.saveSession(c, session); err != nil {
		requestLogger(c).Error("save flash failed", "err", err)
	}
}

// takeFlash returns and clears the one-time message. The cookie is rewritten only when there was one.
func (a *App) takeFlash(c *gin.Context) string {
	session := currentSession(c)
	if session == nil {
		return ""
	}
	flashes := session.Flashes()
	if len(flashes) == 0 {
		return ""
	}
	if err := a.saveSession(c, session); err != nil {
		requestLogger(c).Error("clear flash failed", "err", err)
	}
	message, _ := flashes[0].(string)
	return message
}

// startPage returns the page where each role lands after login.
func startPage(role domain.Role) string {
	switch role {
	case domain.RoleSuperadmin:
		return "/review"
	case domain.RoleBKD:
		return "/verification"
	case domain.RoleOPD:
		return "/proposals"
	}
	return "/profile"
}
