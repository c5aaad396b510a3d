package handlers

import "github.com/gin-gonic/gin"

func (a *App) registerRoutes(r *gin.RouterGroup) {}
