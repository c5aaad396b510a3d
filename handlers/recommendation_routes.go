package handlers

import "github.com/gin-gonic/gin"

func (a *App) recommendationRoutes(r *gin.RouterGroup) {}
