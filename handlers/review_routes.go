package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// reviewRoutes registers the superadmin's final review of proposals BKD has verified.
func (a *App) reviewRoutes(r *gin.RouterGroup) {
	g := r.Group("/review", a.only(domain.RoleSuperadmin))
	g.GET("", a.handle(a.reviewQueue))
	g.GET("/:id", a.handle(a.reviewShow))
	g.POST("/:id/approve", a.handle(a.reviewApprove))
	g.POST("/:id/return", a.handle(a.reviewReturn))
}
