package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// recommendationRoutes registers the letter pages. Every signed-in role may read letters (an
// agency only its own, checked in the handlers); only BKD records them.
func (a *App) recommendationRoutes(r *gin.RouterGroup) {
	bkd := a.only(domain.RoleBKD)
	r.GET("/recommendations", a.handle(a.recommendationList))
	r.GET("/recommendations/new", bkd, a.handle(a.recommendationNew))
	r.GET("/recommendations/new/row", bkd, a.handle(a.recommendationRow))
	r.POST("/recommendations", bkd, a.handle(a.recommendationCreate))
	r.GET("/recommendations/:id", a.handle(a.recommendationShow))
}
