package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// verificationRoutes registers BKD's verification queue and per-proposal table.
func (a *App) verificationRoutes(r *gin.RouterGroup) {
	g := r.Group("/verification", a.only(domain.RoleBKD))
	g.GET("", a.handle(a.verificationQueue))
	g.GET("/:id", a.handle(a.verificationShow))
	g.POST("/:id/candidates/:cid/accept", a.handle(a.verificationAccept))
	g.POST("/:id/candidates/:cid/reject", a.handle(a.verificationReject))
	g.POST("/:id/return", a.handle(a.verificationReturn))
	g.POST("/:id/send", a.handle(a.verificationSend))
}
