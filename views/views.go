// Package views renders SINOP's html/template pages and htmx fragments. Templates are embedded,
// parsed once at start-up, and rendered into a buffer, so a template error never sends half a page.
package views

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"sinop/domain"
)

//go:embed templates
var files embed.FS

// Base is embedded in every page's data: the title, the signed-in user for the menu, and a
// one-time message.
type Base struct {
	Title string
	User  *Viewer
	Flash string
	// Nav names the menu entry to highlight.
	Nav string
}

// Viewer is the signed-in user as the layout shows them.
type Viewer struct {
	ID         int64
	Name       string
	Role       domain.Role
	AgencyName string
}

// Renderer holds one parsed template set per page: the layout and partials plus that page's file.
type Renderer struct {
	pages map[string]*template.Template
}

// New parses every template. staticURL maps an embedded asset name to its fingerprinted URL.
func New(staticURL func(string) string) (*Renderer, error) {
	funcs := template.FuncMap{
		"static":     staticURL,
		"date":       domain.FormatDate,
		"timestamp":  domain.FormatTimestamp,
		"rupiah":     domain.FormatRupiah,
		"sexLabel":   domain.SexLabel,
		"option":     domain.OptionLabel,
		"maritals":   func() []domain.Option { return domain.MaritalStatuses },
		"bloodTypes": func() []domain.Option { return domain.BloodTypes },
		"posTypes":   func() []domain.Option { return domain.PositionTypes },
		"fullName":   domain.FullNameWithTitles,
		"str":        func(v any) string { return fmt.Sprint(v) },
		"join":       strings.Join,
		"sentence":   sentence,
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	pageFiles, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	r := &Renderer{pages: map[string]*template.Template{}}
	for _, file := range pageFiles {
		t, err := template.Must(base.Clone()).ParseFS(files, file)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", file, err)
		}
		r.pages[strings.TrimSuffix(path.Base(file), ".html")] = t
	}
	return r, nil
}

// Render executes the named template of a page ("layout" for the whole page, or one of the page's
// fragments) into w. Nothing is written when execution fails.
func (r *Renderer) Render(w io.Writer, page, name string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("render: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("render %s/%s: %w", page, name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// sentence starts a message with a capital letter: domain errors follow Go's lower-case style,
// but beside a field they read as sentences.
func sentence(message string) string {
	r, size := utf8.DecodeRuneInString(message)
	if r == utf8.RuneError {
		return message
	}
	return string(unicode.ToUpper(r)) + message[size:]
}
