// Package config reads SINOP's settings from environment variables once, at start-up.
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting. Each field names the variable it comes from.
type Config struct {
	DatabaseURL string // DATABASE_URL
	S3Endpoint  string // S3_ENDPOINT, host:port without scheme
	S3AccessKey string // S3_ACCESS_KEY
	S3SecretKey string // S3_SECRET_KEY
	S3Bucket    string // S3_BUCKET
	S3UseSSL    bool   // S3_USE_SSL
	// SessionKeys are the keys that sign and encrypt session cookies, newest first. The first one
	// signs new cookies; the others are still accepted, so keys can rotate without logging users out.
	SessionKeys   []string      // SESSION_KEYS
	ListenAddr    string        // LISTEN_ADDR
	MaxImageBytes int64         // MAX_IMAGE_BYTES
	MaxPDFBytes   int64         // MAX_PDF_BYTES
	S3Timeout     time.Duration // S3_TIMEOUT
	// SecureCookies forces the Secure flag on cookies. Without it, the flag is set when a request
	// came over HTTPS, directly or through a proxy that sets X-Forwarded-Proto.
	SecureCookies bool // SECURE_COOKIES
}

// MinSessionKeyLength is the shortest session key accepted, in bytes.
const MinSessionKeyLength = 32

// Load reads the configuration from the environment. A secret may instead come from a file named
// by the same variable with _FILE appended, as Docker secrets are mounted.
func Load() (Config, error) {
	return load(os.Getenv)
}

func load(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	cfg := Config{
		DatabaseURL:   r.required("DATABASE_URL"),
		S3Endpoint:    r.required("S3_ENDPOINT"),
		S3AccessKey:   r.required("S3_ACCESS_KEY"),
		S3SecretKey:   r.required("S3_SECRET_KEY"),
		S3Bucket:      r.optional("S3_BUCKET", "sinop"),
		S3UseSSL:      r.boolean("S3_USE_SSL", false),
		ListenAddr:    r.optional("LISTEN_ADDR", "127.0.0.1:8080"),
		MaxImageBytes: r.bytes("MAX_IMAGE_BYTES", 5<<20),
		MaxPDFBytes:   r.bytes("MAX_PDF_BYTES", 10<<20),
		S3Timeout:     r.duration("S3_TIMEOUT", 10*time.Second),
		SecureCookies: r.boolean("SECURE_COOKIES", false),
	}
	if strings.Contains(cfg.S3Endpoint, "://") {
		r.fail("S3_ENDPOINT", "must be host:port without http:// or https:// (use S3_USE_SSL for TLS)")
	}
	if keys := r.required("SESSION_KEYS"); keys != "" {
		for _, k := range strings.Split(keys, ",") {
			k = strings.TrimSpace(k)
			if len(k) < MinSessionKeyLength {
				r.fail("SESSION_KEYS", fmt.Sprintf("every key must be at least %d characters", MinSessionKeyLength))
				break
			}
			cfg.SessionKeys = append(cfg.SessionKeys, k)
		}
	}
	if len(r.errs) > 0 {
		return Config{}, errors.Join(r.errs...)
	}
	return cfg, nil
}

type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) fail(name, problem string) {
	r.errs = append(r.errs, fmt.Errorf("invalid %s: %s", name, problem))
}

func (r *reader) value(name string) string {
	if v := r.getenv(name); v != "" {
		return v
	}
	file := r.getenv(name + "_FILE")
	if file == "" {
		return ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		r.fail(name+"_FILE", err.Error())
		return ""
	}
	return strings.TrimSpace(string(data))
}

func (r *reader) required(name string) string {
	v := r.value(name)
	if v == "" {
		r.errs = append(r.errs, fmt.Errorf("missing %s: set it in the environment (or %s_FILE)", name, name))
	}
	return v
}

func (r *reader) optional(name, fallback string) string {
	if v := r.value(name); v != "" {
		return v
	}
	return fallback
}

func (r *reader) boolean(name string, fallback bool) bool {
	v := r.value(name)
	if v == "" {
		return fallback
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(name, fmt.Sprintf("%q is not true or false", v))
	}
	return b
}

func (r *reader) bytes(name string, fallback int64) int64 {
	v := r.value(name)
	if v == "" {
		return fallback
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		r.fail(name, fmt.Sprintf("%q is not a positive number of bytes", v))
	}
	return n
}

func (r *reader) duration(name string, fallback time.Duration) time.Duration {
	v := r.value(name)
	if v == "" {
		return fallback
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		r.fail(name, fmt.Sprintf("%q is not a positive duration such as 10s", v))
	}
	return d
}
