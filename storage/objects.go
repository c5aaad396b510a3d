package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// ErrObjectStorageDown is returned when object storage does not respond in time.
var ErrObjectStorageDown = errors.New("object storage unavailable")

// Objects is the object-storage side of storage: one bucket of documents.
type Objects struct {
	client  *minio.Client
	bucket  string
	timeout time.Duration
}

// ObjectsConfig holds what OpenObjects needs.
type ObjectsConfig struct {
	Endpoint, AccessKey, SecretKey, Bucket string
	UseSSL                                 bool
	// Timeout bounds each call to object storage, so an upload fails quickly when it is down.
	Timeout time.Duration
}

// OpenObjects connects to object storage and creates the bucket when it is missing.
func OpenObjects(ctx context.Context, cfg ObjectsConfig) (*Objects, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	// A short dial timeout makes a stopped server fail fast instead of waiting for the OS default.
	transport, err := minio.DefaultTransport(cfg.UseSSL)
	if err != nil {
		return nil, fmt.Errorf("prepare object storage transport: %w", err)
	}
	transport.DialContext = (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	transport.ResponseHeaderTimeout = cfg.Timeout
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:     credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:    cfg.UseSSL,
		Transport: transport,
		// One retry at most, so a request gives up within the timeout rather than retrying for minutes.
		MaxRetries: 1,
	})
	if err != nil {
		return nil, fmt.Errorf("create object storage client: %w", err)
	}
	o := &Objects{client: client, bucket: cfg.Bucket, timeout: cfg.Timeout}
	if err := o.ensureBucket(ctx); err != nil {
		return nil, err
	}
	return o, nil
}

func (o *Objects) ensureBucket(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	exists, err := o.client.BucketExists(ctx, o.bucket)
	if err != nil {
		return fmt.Errorf("check bucket %s: %w", o.bucket, err)
	}
	if exists {
		return nil
	}
	if err := o.client.MakeBucket(ctx, o.bucket, minio.MakeBucketOptions{}); err != nil {
		return fmt.Errorf("create bucket %s: %w", o.bucket, err)
	}
	return nil
}

// Ping checks that object storage responds and the bucket exists, for the readiness probe.
func (o *Objects) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	exists, err := o.client.BucketExists(ctx, o.bucket)
	if err != nil {
		return fmt.Errorf("check bucket %s: %w", o.bucket, err)
	}
	if !exists {
		return fmt.Errorf("bucket %s is missing", o.bucket)
	}
	return nil
}

// Put stores size bytes from r under key. The size must be the real one: minio-go given an unknown
// size allocates part buffers of hundreds of megabytes.
func (o *Objects) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	ctx, cancel := context.WithTimeout(ctx, o.timeout+time.Duration(size/(1<<20))*time.Second)
	defer cancel()
	_, err := o.client.PutObject(ctx, o.bucket, key, r, size, minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("put object %s: %w", key, classify(ctx, err))
	}
	return nil
}

// Get opens the object for reading. The returned object supports Seek and ReadAt, which
// http.ServeContent uses for range requests; the caller closes it.
func (o *Objects) Get(ctx context.Context, key string) (*minio.Object, minio.ObjectInfo, error) {
	obj, err := o.client.GetObject(ctx, o.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, minio.ObjectInfo{}, fmt.Errorf("get object %s: %w", key, classify(ctx, err))
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, minio.ObjectInfo{}, ErrNotFound
		}
		return nil, minio.ObjectInfo{}, fmt.Errorf("stat object %s: %w", key, classify(ctx, err))
	}
	return obj, info, nil
}

// Remove deletes the object; removing a missing object is not an error.
func (o *Objects) Remove(ctx context.Context, key string) error {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if err := o.client.RemoveObject(ctx, o.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("remove object %s: %w", key, classify(ctx, err))
	}
	return nil
}

// Exists reports whether an object is stored under key.
func (o *Objects) Exists(ctx context.Context, key string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	_, err := o.client.StatObject(ctx, o.bucket, key, minio.StatObjectOptions{})
	if err == nil {
		return true, nil
	}
	if minio.ToErrorResponse(err).Code == "NoSuchKey" {
		return false, nil
	}
	return false, fmt.Errorf("stat object %s: %w", key, classify(ctx, err))
}

// classify marks network failures and timeouts as ErrObjectStorageDown, so handlers can tell users
// that storage is unavailable rather than that their file is wrong.
func classify(ctx context.Context, err error) error {
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil || errors.As(err, &netErr) {
		return errors.Join(ErrObjectStorageDown, err)
	}
	if resp := minio.ToErrorResponse(err); resp.StatusCode >= http.StatusInternalServerError {
		return errors.Join(ErrObjectStorageDown, err)
	}
	return err
}
