package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
	"github.com/minio/minio-go/v7"
)

// DocumentPrefix is the key prefix of every document object (see NewObjectKey).
const DocumentPrefix = "documents/"

// SweepOrphanObjects removes document objects older than minAge that no documents row names, and
// returns how many it removed. Such objects are left when the process dies between storing an
// object and committing its row. minAge keeps the sweep away from uploads still in progress.
func SweepOrphanObjects(ctx context.Context, store *Store, objects *Objects, minAge time.Duration) (int, error) {
	cutoff := time.Now().Add(-minAge)
	var batch []string
	removed := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var known []string
		if err := store.DB.SelectContext(ctx, &known,
			`SELECT object_key FROM documents WHERE object_key = ANY($1)`, pq.Array(batch)); err != nil {
			return fmt.Errorf("select known object keys: %w", err)
		}
		isKnown := make(map[string]bool, len(known))
		for _, k := range known {
			isKnown[k] = true
		}
		for _, k := range batch {
			if isKnown[k] {
				continue
			}
			if err := objects.Remove(ctx, k); err != nil {
				return err
			}
			removed++
		}
		batch = batch[:0]
		return nil
	}

	listCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	for obj := range objects.client.ListObjects(listCtx, objects.bucket, minio.ListObjectsOptions{Prefix: DocumentPrefix, Recursive: true}) {
		if obj.Err != nil {
			return removed, fmt.Errorf("list objects: %w", classify(ctx, obj.Err))
		}
		if obj.LastModified.After(cutoff) {
			continue
		}
		batch = append(batch, obj.Key)
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return removed, err
			}
		}
	}
	if err := flush(); err != nil {
		return removed, err
	}
	return removed, nil
}
