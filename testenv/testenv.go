// Package testenv gives tests a fresh PostgreSQL database and a fresh MinIO bucket on the real
// servers that scripts/services.sh starts (make test). Nothing is mocked.
package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"sinop/storage"
)

// Root returns the repository's top folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// TestFile returns the path of a real-format upload sample in testdata/files: photos, scans and
// files to reject. testdata/README.md describes each one.
func TestFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(Root(), "testdata", "files", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test file %s: %v", name, err)
	}
	return p
}

func requireEnv(t testing.TB, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set: run the tests with `make test`, which starts PostgreSQL and MinIO", name)
	}
	return v
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// adminURL returns the server URL with the database name replaced.
func databaseURL(t testing.TB, name string) string {
	t.Helper()
	u, err := url.Parse(requireEnv(t, "SINOP_TEST_DATABASE_URL"))
	if err != nil {
		t.Fatalf("invalid SINOP_TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// prepareTemplate creates and migrates one database per test binary, which Store copies.
// NOTE: the template is not dropped, because no hook runs when a test binary ends. On the
// throwaway server of make test it goes with the server. On a server named by DATABASE_URL, one
// sinop_tmpl_* database per test package and run stays behind.
func prepareTemplate(t testing.TB) (string, error) {
	templateOnce.Do(func() {
		ctx := context.Background()
		admin, err := sqlx.Open("postgres", requireEnv(t, "SINOP_TEST_DATABASE_URL"))
		if err != nil {
			templateErr = err
			return
		}
		defer admin.Close()
		templateName = "sinop_tmpl_" + randomSuffix()
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+templateName); err != nil {
			templateErr = fmt.Errorf("create template database: %w", err)
			return
		}
		store, err := storage.Open(ctx, databaseURL(t, templateName))
		if err != nil {
			templateErr = err
			return
		}
		defer store.Close()
		templateErr = store.Migrate()
	})
	return templateName, templateErr
}

// Store returns a store on a new, migrated, empty database, dropped when the test ends.
func Store(t testing.TB) *storage.Store {
	t.Helper()
	tmpl, err := prepareTemplate(t)
	if err != nil {
		t.Fatalf("prepare test database: %v", err)
	}
	ctx := context.Background()
	admin, err := sqlx.Open("postgres", requireEnv(t, "SINOP_TEST_DATABASE_URL"))
	if err != nil {
		t.Fatalf("connect to test server: %v", err)
	}
	name := "sinop_test_" + randomSuffix()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	store, err := storage.Open(ctx, databaseURL(t, name))
	if err != nil {
		admin.Close()
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		store.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
		admin.Close()
	})
	return store
}

// ObjectsConfig returns settings for a new bucket on the test MinIO server.
func ObjectsConfig(t testing.TB) storage.ObjectsConfig {
	t.Helper()
	return storage.ObjectsConfig{
		Endpoint:  requireEnv(t, "S3_ENDPOINT"),
		AccessKey: requireEnv(t, "S3_ACCESS_KEY"),
		SecretKey: requireEnv(t, "S3_SECRET_KEY"),
		Bucket:    "sinop-test-" + randomSuffix(),
		Timeout:   10 * time.Second,
	}
}

// Objects returns object storage on a new bucket, emptied and removed when the test ends.
func Objects(t testing.TB) (*storage.Objects, storage.ObjectsConfig) {
	t.Helper()
	cfg := ObjectsConfig(t)
	objects, err := storage.OpenObjects(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open test bucket: %v", err)
	}
	t.Cleanup(func() { removeBucket(t, cfg) })
	return objects, cfg
}

// BucketKeys lists every object key in the bucket, for checking that nothing was left behind.
func BucketKeys(t testing.TB, cfg storage.ObjectsConfig) []string {
	t.Helper()
	client := rawClient(t, cfg)
	var keys []string
	for obj := range client.ListObjects(context.Background(), cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err != nil {
			t.Fatalf("list bucket %s: %v", cfg.Bucket, obj.Err)
		}
		keys = append(keys, obj.Key)
	}
	return keys
}

func rawClient(t testing.TB, cfg storage.ObjectsConfig) *minio.Client {
	t.Helper()
	client, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")})
	if err != nil {
		t.Fatalf("minio client: %v", err)
	}
	return client
}

func removeBucket(t testing.TB, cfg storage.ObjectsConfig) {
	client := rawClient(t, cfg)
	ctx := context.Background()
	for obj := range client.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err == nil {
			_ = client.RemoveObject(ctx, cfg.Bucket, obj.Key, minio.RemoveObjectOptions{})
		}
	}
	if err := client.RemoveBucket(ctx, cfg.Bucket); err != nil {
		t.Logf("remove test bucket %s: %v", cfg.Bucket, err)
	}
}
