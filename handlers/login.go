package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/views"
)

type loginPage struct {
	views.Base
	Username string
	Next     string
	Error    string
}

func (a *App) loginForm(c *gin.Context) error {
	if u, ok := currentUser(c); ok {
		c.Redirect(http.StatusSeeOther, startPage(u.Role))
		return nil
	}
	page := loginPage{Base: a.base(c, "Masuk", ""), Next: safeNext(c.Query("next"))}
	a.renderPage(c, http.StatusOK, "login", "layout", page)
	return nil
}

func (a *App) login(c *gin.Context) error {
	username := strings.TrimSpace(c.PostForm("username"))
	password := c.PostForm("password")
	next := safeNext(c.PostForm("next"))

	user, err := a.Store.Authenticate(c.Request.Context(), username, password)
	if errors.Is(err, storage.ErrBadCredentials) {
		requestLogger(c).Info("login failed", "username", username)
		page := loginPage{Base: a.base(c, "Masuk", ""), Username: username, Next: next,
			Error: "Nama pengguna atau kata sandi salah."}
		a.render(c, http.StatusUnprocessableEntity, "login", "loginForm", page)
		return nil
	}
	if err != nil {
		return err
	}

	// A new session on every login, so a session id planted before login is worthless after it.
	session := currentSession(c)
	if old, _ := session.Values["token"].(string); old != "" {
		if err := a.Store.DeleteSession(c.Request.Context(), old); err != nil {
			return err
		}
	}
	token, err := a.Store.CreateSession(c.Request.Context(), user.ID)
	if err != nil {
		return err
	}
	session.Values = map[any]any{"token": token}
	if err := a.saveSession(c, session); err != nil {
		return err
	}
	requestLogger(c).Info("login", "user_id", user.ID, "role", user.Role)

	target := startPage(user.Role)
	if next != "" {
		target = next
	}
	redirect(c, target)
	return nil
}

// safeNext keeps a post-login target only when it is a path on this site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") {
		return next
	}
	return ""
}

func (a *App) logout(c *gin.Context) error {
	session := currentSession(c)
	if token, _ := session.Values["token"].(string); token != "" {
		if err := a.Store.DeleteSession(c.Request.Context(), token); err != nil {
			return err
		}
	}
	session.Values = map[any]any{}
	options := *a.sessions.Options
	options.MaxAge = -1
	session.Options = &options
	if err := session.Save(c.Request, c.Writer); err != nil {
		return err
	}
	redirect(c, "/login")
	return nil
}

// home sends each user to their role's start page.
func (a *App) home(c *gin.Context) {
	u, ok := currentUser(c)
	if !ok {
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	c.Redirect(http.StatusSeeOther, startPage(u.Role))
}
