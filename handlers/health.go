package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz returns 200 while the process runs.
func (a *App) healthz(c *gin.Context) {
	c.String(http.StatusOK, "ok\n")
}

// readyz returns 200 only when PostgreSQL and object storage both respond, else 503 naming the
// ones that failed.
func (a *App) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
	defer cancel()
	var failed []string
	if err := a.Store.Ping(ctx); err != nil {
		requestLogger(c).Warn("readiness: database failed", "err", err)
		failed = append(failed, "postgresql")
	}
	if err := a.Objects.Ping(ctx); err != nil {
		requestLogger(c).Warn("readiness: object storage failed", "err", err)
		failed = append(failed, "object storage")
	}
	c.Header("Cache-Control", "no-store")
	if len(failed) > 0 {
		msg := "not ready:"
		for _, f := range failed {
			msg += " " + f + " failed;"
		}
		c.String(http.StatusServiceUnavailable, msg+"\n")
		return
	}
	c.String(http.StatusOK, "ready\n")
}
