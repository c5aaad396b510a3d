package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/views"
)

// HTTPError is an error with the response status and an Indonesian message that is safe to show.
// Err is the cause, logged but never shown.
type HTTPError struct {
	Status  int
	Message string
	Err     error
}

func (e *HTTPError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Message, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Message)
}

func (e *HTTPError) Unwrap() error { return e.Err }

// Shorthands for the errors handlers return most.
func errNotFound() error {
	return &HTTPError{Status: http.StatusNotFound, Message: "Halaman atau data yang dicari tidak ditemukan."}
}

func errForbidden() error {
	return &HTTPError{Status: http.StatusForbidden, Message: "Peran Anda tidak boleh membuka halaman atau melakukan tindakan ini."}
}

func errBadRequest(message string) error {
	return &HTTPError{Status: http.StatusBadRequest, Message: message}
}

func errConflict(message string) error {
	return &HTTPError{Status: http.StatusConflict, Message: message}
}

type errorPage struct {
	views.Base
	Heading   string
	Message   string
	RequestID string
}

// handle adapts a handler that returns an error: the error becomes a status, an Indonesian page
// (or a toast fragment on htmx requests) and one log line, at Error for 5xx and Info for 4xx.
func (a *App) handle(fn func(c *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			a.fail(c, err)
		}
	}
}

func (a *App) fail(c *gin.Context, err error) {
	httpErr := toHTTPError(err)
	log := requestLogger(c)
	if httpErr.Status >= 500 {
		log.Error("request failed", "status", httpErr.Status, "err", err)
	} else {
		log.Info("request refused", "status", httpErr.Status, "err", err)
	}
	if c.Writer.Written() {
		return
	}

	id := requestID(c)
	if isHTMX(c) {
		// A short message in the toast area, never a whole page inside a fragment.
		c.Header(headerRetarget, "#toasts")
		c.Header(headerReswap, "beforeend")
		message := httpErr.Message
		if httpErr.Status >= 500 {
			message += " (kode: " + id + ")"
		}
		a.renderPage(c, httpErr.Status, "error", "toast", message)
		return
	}
	page := errorPage{
		Base:      a.base(c, "Kesalahan", ""),
		Heading:   headingFor(httpErr.Status),
		Message:   httpErr.Message,
		RequestID: id,
	}
	a.renderPage(c, httpErr.Status, "error", "layout", page)
}

func toHTTPError(err error) *HTTPError {
	var httpErr *HTTPError
	switch {
	case errors.As(err, &httpErr):
		return httpErr
	case errors.Is(err, storage.ErrNotFound):
		return &HTTPError{Status: http.StatusNotFound, Message: "Halaman atau data yang dicari tidak ditemukan.", Err: err}
	case errors.Is(err, storage.ErrObjectStorageDown):
		return &HTTPError{Status: http.StatusServiceUnavailable,
			Message: "Penyimpanan berkas sedang tidak dapat dihubungi. Coba lagi beberapa menit lagi.", Err: err}
	}
	return &HTTPError{Status: http.StatusInternalServerError,
		Message: "Terjadi kesalahan pada server. Coba lagi; bila berulang, hubungi admin BKD.", Err: err}
}

func headingFor(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Tidak ditemukan"
	case http.StatusForbidden:
		return "Tidak diizinkan"
	case http.StatusConflict:
		return "Data sudah berubah"
	case http.StatusServiceUnavailable:
		return "Layanan belum tersedia"
	}
	if status >= 500 {
		return "Terjadi kesalahan"
	}
	return "Permintaan tidak dapat diproses"
}
