// Package handlers holds SINOP's HTTP routes and middleware on Gin: sessions, roles, cross-site
// request protection, the request log, and one file per action.
package handlers

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"

	"sinop/config"
	"sinop/static"
	"sinop/storage"
	"sinop/upload"
	"sinop/views"
)

// App carries every dependency the handlers need; there are no package-level globals.
type App struct {
	Config   config.Config
	Store    *storage.Store
	Objects  *storage.Objects
	Views    *views.Renderer
	Assets   *static.Assets
	Log      *slog.Logger
	Limits   upload.Limits
	sessions *sessions.CookieStore
}

// New builds the App. Templates and assets are loaded here, so a broken template stops start-up.
func New(cfg config.Config, store *storage.Store, objects *storage.Objects, log *slog.Logger) (*App, error) {
	assets, err := static.Load()
	if err != nil {
		return nil, err
	}
	renderer, err := views.New(assets.URL)
	if err != nil {
		return nil, err
	}
	return &App{
		Config:   cfg,
		Store:    store,
		Objects:  objects,
		Views:    renderer,
		Assets:   assets,
		Log:      log,
		Limits:   upload.Limits{ImageBytes: cfg.MaxImageBytes, PDFBytes: cfg.MaxPDFBytes},
		sessions: newCookieStore(cfg.SessionKeys),
	}, nil
}

// newCookieStore derives a signing key and an encryption key from each configured key. Newest
// first: gorilla/securecookie signs with the first pair and accepts any pair when decoding.
func newCookieStore(keys []string) *sessions.CookieStore {
	var pairs [][]byte
	for _, k := range keys {
		hashKey := sha256.Sum256([]byte("sinop session signing\x00" + k))
		blockKey := sha256.Sum256([]byte("sinop session encryption\x00" + k))
		pairs = append(pairs, hashKey[:], blockKey[:])
	}
	store := sessions.NewCookieStore(pairs...)
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(storage.SessionLifetime.Seconds()),
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
	return store
}

// Handler returns the HTTP handler with every route and middleware.
func (a *App) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(a.requestContext(), a.recoverPanic(), a.securityHeaders(), a.crossOriginProtection(), a.loadSession())
	a.routes(r)
	return r
}

// RunMaintenance removes expired sessions and orphaned document objects at each interval until
// ctx ends. Objects younger than an hour are left alone, because their upload may be in progress.
func (a *App) RunMaintenance(ctx context.Context, interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		n, err := a.Store.DeleteExpiredSessions(ctx)
		if err != nil {
			a.Log.Error("delete expired sessions failed", "err", err)
		} else if n > 0 {
			a.Log.Info("deleted expired sessions", "count", n)
		}
		removed, err := storage.SweepOrphanObjects(ctx, a.Store, a.Objects, time.Hour)
		if err != nil {
			a.Log.Error("sweep orphan objects failed", "err", err)
		} else if removed > 0 {
			a.Log.Warn("removed orphan objects", "count", removed)
		}

		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}
