package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
)

func TestSweepRemovesOnlyOrphans(t *testing.T) {
	ctx := context.Background()
	store := testenv.Store(t)
	objects, cfg := testenv.Objects(t)
	userID, err := store.CreateUser(ctx, storage.NewUser{Username: "bkd", Password: "rahasia-uji-123", Role: domain.RoleBKD})
	if err != nil {
		t.Fatal(err)
	}

	put := func(key string) {
		t.Helper()
		if err := objects.Put(ctx, key, strings.NewReader("%PDF-1.4 test"), 13, "application/pdf"); err != nil {
			t.Fatal(err)
		}
	}
	kept := storage.NewObjectKey(storage.DocDiploma)
	orphan := storage.NewObjectKey(storage.DocDiploma)
	outside := "other/file.txt"
	put(kept)
	put(orphan)
	put(outside)
	err = store.InTx(ctx, func(tx *sqlx.Tx) error {
		_, err := store.InsertDocument(ctx, tx, storage.Document{Kind: storage.DocDiploma, ObjectKey: kept,
			ContentType: "application/pdf", SizeBytes: 13, UploadedBy: userID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Objects younger than minAge are in-flight uploads and stay.
	if n, err := storage.SweepOrphanObjects(ctx, store, objects, time.Hour); err != nil || n != 0 {
		t.Fatalf("sweep with minAge 1h: removed %d, err %v; want 0, nil", n, err)
	}

	n, err := storage.SweepOrphanObjects(ctx, store, objects, 0)
	if err != nil {
		t.Fatalf("sweep: %v", err)
	}
	if n != 1 {
		t.Errorf("removed %d objects, want 1", n)
	}
	keys := testenv.BucketKeys(t, cfg)
	if !slices.Contains(keys, kept) {
		t.Error("object with a documents row was removed")
	}
	if slices.Contains(keys, orphan) {
		t.Error("orphan object is still there")
	}
	if !slices.Contains(keys, outside) {
		t.Error("object outside the documents prefix was removed")
	}
}
