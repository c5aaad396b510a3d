package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	testKey  = "0123456789abcdef0123456789abcdef" // exactly MinSessionKeyLength
	otherKey = "fedcba9876543210fedcba9876543210-older"
)

// env returns a getenv over the minimal valid settings with overrides applied. An override of ""
// unsets the variable.
func env(overrides map[string]string) func(string) string {
	vars := map[string]string{
		"DATABASE_URL":  "postgres://sinop@db/sinop",
		"S3_ENDPOINT":   "minio:9000",
		"S3_ACCESS_KEY": "access",
		"S3_SECRET_KEY": "secret",
		"SESSION_KEYS":  testKey,
	}
	for k, v := range overrides {
		vars[k] = v
	}
	return func(name string) string { return vars[name] }
}

func TestLoadDefaults(t *testing.T) {
	cfg, err := load(env(nil))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"DATABASE_URL", cfg.DatabaseURL, "postgres://sinop@db/sinop"},
		{"S3_ENDPOINT", cfg.S3Endpoint, "minio:9000"},
		{"S3_ACCESS_KEY", cfg.S3AccessKey, "access"},
		{"S3_SECRET_KEY", cfg.S3SecretKey, "secret"},
		{"S3_BUCKET", cfg.S3Bucket, "sinop"},
		{"S3_USE_SSL", cfg.S3UseSSL, false},
		{"LISTEN_ADDR", cfg.ListenAddr, "127.0.0.1:8080"},
		{"MAX_IMAGE_BYTES", cfg.MaxImageBytes, int64(5 << 20)},
		{"MAX_PDF_BYTES", cfg.MaxPDFBytes, int64(10 << 20)},
		{"S3_TIMEOUT", cfg.S3Timeout, 10 * time.Second},
		{"SECURE_COOKIES", cfg.SecureCookies, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
			}
		})
	}
	if !slices.Equal(cfg.SessionKeys, []string{testKey}) {
		t.Errorf("SessionKeys = %q, want one key", cfg.SessionKeys)
	}
}

func TestLoadSettings(t *testing.T) {
	cfg, err := load(env(map[string]string{
		"S3_BUCKET":       "dokumen",
		"S3_USE_SSL":      "true",
		"LISTEN_ADDR":     "0.0.0.0:8080",
		"MAX_IMAGE_BYTES": "1048576",
		"MAX_PDF_BYTES":   "2097152",
		"S3_TIMEOUT":      "30s",
		"SECURE_COOKIES":  "1",
		"SESSION_KEYS":    testKey + " , " + otherKey,
	}))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"S3_BUCKET", cfg.S3Bucket, "dokumen"},
		{"S3_USE_SSL", cfg.S3UseSSL, true},
		{"LISTEN_ADDR", cfg.ListenAddr, "0.0.0.0:8080"},
		{"MAX_IMAGE_BYTES", cfg.MaxImageBytes, int64(1 << 20)},
		{"MAX_PDF_BYTES", cfg.MaxPDFBytes, int64(2 << 20)},
		{"S3_TIMEOUT", cfg.S3Timeout, 30 * time.Second},
		{"SECURE_COOKIES", cfg.SecureCookies, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
			}
		})
	}
	if want := []string{testKey, otherKey}; !slices.Equal(cfg.SessionKeys, want) {
		t.Errorf("SessionKeys = %q, want %q (trimmed, newest first)", cfg.SessionKeys, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name      string
		overrides map[string]string
		// wantIn are the parts the error must contain, one per problem.
		wantIn []string
	}{
		{"missing DATABASE_URL", map[string]string{"DATABASE_URL": ""}, []string{"missing DATABASE_URL"}},
		{"missing S3_ENDPOINT", map[string]string{"S3_ENDPOINT": ""}, []string{"missing S3_ENDPOINT"}},
		{"missing S3_ACCESS_KEY", map[string]string{"S3_ACCESS_KEY": ""}, []string{"missing S3_ACCESS_KEY"}},
		{"missing S3_SECRET_KEY", map[string]string{"S3_SECRET_KEY": ""}, []string{"missing S3_SECRET_KEY"}},
		{"missing SESSION_KEYS", map[string]string{"SESSION_KEYS": ""}, []string{"missing SESSION_KEYS"}},
		{"every missing one named", map[string]string{"DATABASE_URL": "", "S3_SECRET_KEY": "", "SESSION_KEYS": ""},
			[]string{"missing DATABASE_URL", "missing S3_SECRET_KEY", "missing SESSION_KEYS"}},
		{"S3_USE_SSL yes", map[string]string{"S3_USE_SSL": "yes"}, []string{`invalid S3_USE_SSL: "yes" is not true or false`}},
		{"SECURE_COOKIES on", map[string]string{"SECURE_COOKIES": "on"}, []string{"invalid SECURE_COOKIES"}},
		{"endpoint with scheme", map[string]string{"S3_ENDPOINT": "http://minio:9000"}, []string{"invalid S3_ENDPOINT"}},
		{"short session key", map[string]string{"SESSION_KEYS": testKey[:31]}, []string{"invalid SESSION_KEYS: every key must be at least 32"}},
		{"short older session key", map[string]string{"SESSION_KEYS": testKey + ",short"}, []string{"invalid SESSION_KEYS"}},
		{"empty key between commas", map[string]string{"SESSION_KEYS": testKey + ",,"}, []string{"invalid SESSION_KEYS"}},
		{"image limit not a number", map[string]string{"MAX_IMAGE_BYTES": "5MB"}, []string{`invalid MAX_IMAGE_BYTES: "5MB"`}},
		{"PDF limit zero", map[string]string{"MAX_PDF_BYTES": "0"}, []string{"invalid MAX_PDF_BYTES"}},
		{"PDF limit negative", map[string]string{"MAX_PDF_BYTES": "-1"}, []string{"invalid MAX_PDF_BYTES"}},
		{"timeout without unit", map[string]string{"S3_TIMEOUT": "10"}, []string{`invalid S3_TIMEOUT: "10"`}},
		{"timeout negative", map[string]string{"S3_TIMEOUT": "-5s"}, []string{"invalid S3_TIMEOUT"}},
		{"file not found", map[string]string{"S3_SECRET_KEY": "", "S3_SECRET_KEY_FILE": "/nonexistent/sinop-secret"},
			[]string{"invalid S3_SECRET_KEY_FILE", "missing S3_SECRET_KEY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(env(tt.overrides))
			if err == nil {
				t.Fatal("load succeeded, want an error")
			}
			for _, want := range tt.wantIn {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if lines := strings.Count(err.Error(), "\n") + 1; lines != len(tt.wantIn) {
				t.Errorf("error has %d lines, want %d: %q", lines, len(tt.wantIn), err)
			}
		})
	}
}

func TestLoadFileVariables(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	secret := write("s3-secret", "from-file-secret\n")
	keys := write("session-keys", " "+testKey+","+otherKey+"\n")
	database := write("database-url", "postgres://sinop:pw@db/sinop\n")

	tests := []struct {
		name      string
		overrides map[string]string
		check     func(Config) (got, want any)
	}{
		{"secret from file", map[string]string{"S3_SECRET_KEY": "", "S3_SECRET_KEY_FILE": secret},
			func(c Config) (any, any) { return c.S3SecretKey, "from-file-secret" }},
		{"session keys from file", map[string]string{"SESSION_KEYS": "", "SESSION_KEYS_FILE": keys},
			func(c Config) (any, any) { return strings.Join(c.SessionKeys, "|"), testKey + "|" + otherKey }},
		{"database URL from file", map[string]string{"DATABASE_URL": "", "DATABASE_URL_FILE": database},
			func(c Config) (any, any) { return c.DatabaseURL, "postgres://sinop:pw@db/sinop" }},
		{"variable wins over file", map[string]string{"S3_SECRET_KEY": "from-env", "S3_SECRET_KEY_FILE": secret},
			func(c Config) (any, any) { return c.S3SecretKey, "from-env" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := load(env(tt.overrides))
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if got, want := tt.check(cfg); got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestLoadReadsEnvironment(t *testing.T) {
	for name, value := range map[string]string{
		"DATABASE_URL": "postgres://env/sinop", "S3_ENDPOINT": "env:9000", "S3_ACCESS_KEY": "a",
		"S3_SECRET_KEY": "s", "SESSION_KEYS": testKey, "LISTEN_ADDR": "127.0.0.1:9999",
	} {
		t.Setenv(name, value)
	}
	cfg, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.ListenAddr != "127.0.0.1:9999" {
		t.Errorf("ListenAddr = %q, want 127.0.0.1:9999", cfg.ListenAddr)
	}
}
