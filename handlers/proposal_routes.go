package handlers

import "github.com/gin-gonic/gin"

func (a *App) proposalRoutes(r *gin.RouterGroup) {}
