package handlers

import "github.com/gin-gonic/gin"

// documentRoutes registers document downloads. Who may open which document is decided in
// authoriseDocument.
func (a *App) documentRoutes(r *gin.RouterGroup) {
	r.GET("/documents/:id", a.handle(a.documentShow))
	r.HEAD("/documents/:id", a.handle(a.documentShow))
}
