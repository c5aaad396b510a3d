package handlers

import (
	"github.com/gin-gonic/gin"

	"sinop/domain"
)

// registerRoutes registers the agency's register of employees and its evaluation results. Only
// agency admins reach them; each handler keeps to the admin's agency.
func (a *App) registerRoutes(r *gin.RouterGroup) {
	g := r.Group("/", a.only(domain.RoleOPD))
	g.GET("/employees", a.handle(a.employeeList))
	g.GET("/employees/:id", a.handle(a.employeeShow))
	g.GET("/evaluations", a.handle(a.evaluationList))
}
