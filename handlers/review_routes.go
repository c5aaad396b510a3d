package handlers

import "github.com/gin-gonic/gin"

func (a *App) reviewRoutes(r *gin.RouterGroup) {}
