package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"sinop/storage"
	"sinop/upload"
)

// storeDocument saves an accepted upload: the object first, then, in one transaction, its
// document row and whatever link inserts. When the transaction fails the object is removed, so
// no row points at a missing object and no object outlives a failed save.
func (a *App) storeDocument(ctx context.Context, f *upload.File, kind string, userID int64,
	link func(tx *sqlx.Tx, doc storage.Document) error) (storage.Document, error) {
	content, err := f.Open()
	if err != nil {
		return storage.Document{}, fmt.Errorf("open spooled upload: %w", err)
	}
	defer content.Close()

	key := storage.NewObjectKey(kind)
	if err := a.Objects.Put(ctx, key, content, f.Size, f.ContentType); err != nil {
		// A failed put can leave a partial multipart upload, which MinIO discards by itself; a
		// whole object is not there to remove.
		return storage.Document{}, err
	}

	var doc storage.Document
	err = a.Store.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		doc, err = a.Store.InsertDocument(ctx, tx, storage.Document{
			Kind: kind, ObjectKey: key, ContentType: f.ContentType, SizeBytes: f.Size,
			OriginalName: f.OriginalName, UploadedBy: userID,
		})
		if err != nil {
			return err
		}
		return link(tx, doc)
	})
	if err != nil {
		// The request context may be what failed, so the clean-up gets its own.
		if rmErr := a.Objects.Remove(context.WithoutCancel(ctx), key); rmErr != nil {
			a.Log.Error("remove object after failed save", "object_key", key, "err", rmErr)
			err = errors.Join(err, rmErr)
		}
		return storage.Document{}, err
	}
	return doc, nil
}
