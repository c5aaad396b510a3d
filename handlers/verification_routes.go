package handlers

import "github.com/gin-gonic/gin"

func (a *App) verificationRoutes(r *gin.RouterGroup) {}
