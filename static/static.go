// Package static serves the embedded front-end files (vendored htmx and Pico CSS, SINOP's own CSS
// and script) under URLs that carry a hash of their content, so browsers may cache them forever.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed vendor css js img
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

type asset struct {
	name        string
	content     []byte
	contentType string
	etag        string
}

// Assets maps each embedded file to its fingerprinted URL.
type Assets struct {
	urls   map[string]string // "js/app.js" -> "/static/js/app.3f2a9c1d.js"
	byPath map[string]asset  // "js/app.3f2a9c1d.js" -> asset
}

// Load reads and fingerprints every embedded file.
func Load() (*Assets, error) {
	a := &Assets{urls: map[string]string{}, byPath: map[string]asset{}}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := files.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		sum := sha256.Sum256(content)
		hash := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		fingerprinted := strings.TrimSuffix(name, ext) + "." + hash + ext
		a.urls[name] = Prefix + fingerprinted
		a.byPath[fingerprinted] = asset{
			name:        name,
			content:     content,
			contentType: mime.TypeByExtension(ext),
			etag:        `"` + hash + `"`,
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load static files: %w", err)
	}
	return a, nil
}

// URL returns the fingerprinted URL of an embedded file such as "js/app.js". It panics on a
// name that is not embedded, so a typo in a template fails the first render in tests.
func (a *Assets) URL(name string) string {
	u, ok := a.urls[name]
	if !ok {
		panic(fmt.Sprintf("static: no embedded file %q", name))
	}
	return u
}

// ServeHTTP serves a fingerprinted file with a one-year immutable cache.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byPath[strings.TrimPrefix(r.URL.Path, Prefix)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", f.etag)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if f.contentType != "" {
		w.Header().Set("Content-Type", f.contentType)
	}
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.content))
}
