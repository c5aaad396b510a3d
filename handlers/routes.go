package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/static"
)

// routes registers every route. Each area adds its own in a function of its own file, behind the
// roles that may use it. Ownership (the agency of the record) is checked inside each handler.
func (a *App) routes(r *gin.Engine) {
	r.GET("/healthz", a.healthz)
	r.GET("/readyz", a.readyz)
	r.GET(static.Prefix+"*file", gin.WrapH(a.Assets))

	r.GET("/login", a.handle(a.loginForm))
	r.POST("/login", a.handle(a.login))
	r.POST("/logout", a.handle(a.logout))
	r.GET("/", a.home)

	signedIn := r.Group("/", a.requireRole(domain.RoleSuperadmin, domain.RoleBKD, domain.RoleOPD))
	a.recommendationRoutes(signedIn)
	a.proposalRoutes(signedIn)
	a.verificationRoutes(signedIn)
	a.reviewRoutes(signedIn)
	a.registerRoutes(signedIn)
	a.documentRoutes(signedIn)

	r.NoRoute(a.handle(func(c *gin.Context) error { return errNotFound() }))
	r.NoMethod(a.handle(func(c *gin.Context) error {
		return &HTTPError{Status: http.StatusMethodNotAllowed, Message: "Metode permintaan tidak didukung untuk alamat ini."}
	}))
}

// only wraps a handler so that just the given roles reach it.
func (a *App) only(roles ...domain.Role) gin.HandlerFunc {
	return a.requireRole(roles...)
}
