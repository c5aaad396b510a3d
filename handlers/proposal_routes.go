package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// proposalRoutes registers the agency's side of admission proposals: its proposals, their
// candidates and the candidates' documents. Only agency admins reach them; each handler checks
// that the record belongs to the admin's agency.
func (a *App) proposalRoutes(r *gin.RouterGroup) {
	g := r.Group("/", a.only(domain.RoleOPD))
	g.GET("/proposals", a.handle(a.proposalList))
	g.POST("/proposals", a.handle(a.proposalCreate))
	g.GET("/proposals/:id", a.handle(a.proposalShow))
	g.POST("/proposals/:id/submit", a.handle(a.proposalSubmit))
	g.GET("/proposals/:id/candidates/new", a.handle(a.candidateNew))
	g.POST("/proposals/:id/candidates", a.handle(a.candidateCreate))
	g.GET("/candidates/:id", a.handle(a.candidateShow))
	g.POST("/candidates/:id", a.handle(a.candidateUpdate))
	g.POST("/candidates/:id/remove", a.handle(a.candidateRemove))
	g.POST("/candidates/:id/documents/:kind", a.handle(a.candidateUpload))
}
