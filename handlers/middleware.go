package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

const (
	keyRequestID = "request_id"
	keyLogger    = "logger"
)

// requestContext gives each request an id (also sent as X-Request-ID) and a logger carrying it,
// and logs one line when the request ends.
func (a *App) requestContext() gin.HandlerFunc {
	return func(c *gin.Context) {
		raw := make([]byte, 8)
		_, _ = rand.Read(raw)
		id := hex.EncodeToString(raw)
		log := a.Log.With("request_id", id)
		c.Set(keyRequestID, id)
		c.Set(keyLogger, log)
		c.Header("X-Request-ID", id)

		start := time.Now()
		c.Next()
		log.Info("request",
			slog.Group("http", "method", c.Request.Method, "path", c.Request.URL.Path,
				"status", c.Writer.Status(), "duration_ms", time.Since(start).Milliseconds()))
	}
}

func requestID(c *gin.Context) string {
	return c.GetString(keyRequestID)
}

func requestLogger(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(keyLogger); ok {
		return l.(*slog.Logger)
	}
	return slog.Default()
}

// recoverPanic turns a panic into a 500 page and an error log line with the request id.
func (a *App) recoverPanic() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				a.fail(c, fmt.Errorf("panic: %v", p))
				c.Abort()
			}
		}()
		c.Next()
	}
}

// securityHeaders sets headers every response carries.
func (a *App) securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'")
		c.Next()
	}
}

// crossOriginProtection rejects state-changing requests sent from another site, using the
// Sec-Fetch-Site and Origin headers that browsers set. It needs no token, so it also covers htmx
// requests and fragments. Requests without those headers (not from a browser) pass.
func (a *App) crossOriginProtection() gin.HandlerFunc {
	protection := http.NewCrossOriginProtection()
	return func(c *gin.Context) {
		if err := protection.Check(c.Request); err != nil {
			a.fail(c, &HTTPError{Status: http.StatusForbidden,
				Message: "Permintaan dari situs lain ditolak. Buka SINOP langsung lalu ulangi.", Err: err})
			c.Abort()
			return
		}
		c.Next()
	}
}
