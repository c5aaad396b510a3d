package handlers

import "github.com/gin-gonic/gin"

func (a *App) documentRoutes(r *gin.RouterGroup) {}
