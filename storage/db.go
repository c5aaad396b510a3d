// Package storage keeps SINOP's data: rows in PostgreSQL through sqlx and documents in
// S3-compatible object storage through minio-go. Each method takes a context and holds its SQL.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/golang-migrate/migrate/v4"
	migratepg "github.com/golang-migrate/migrate/v4/database/postgres"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"sinop/migrations"
)

// ErrNotFound is returned when a row asked for does not exist or is not visible to the caller.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a row changed since the caller read it (optimistic version check).
var ErrConflict = errors.New("changed by someone else")

// Store is the PostgreSQL side of storage.
type Store struct {
	DB *sqlx.DB
}

// Open connects to PostgreSQL and checks the connection.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{DB: db}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.DB.Close() }

// Ping checks that the database responds, for the readiness probe.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Migrate applies every pending migration.
func (s *Store) Migrate() error {
	source, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	// A connection of its own, closed with the migrator: WithInstance would close the whole pool.
	ctx := context.Background()
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	driver, err := migratepg.WithConnection(ctx, conn, &migratepg.Config{})
	if err != nil {
		conn.Close()
		return fmt.Errorf("prepare migrations: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", source, "postgres", driver)
	if err != nil {
		conn.Close()
		return fmt.Errorf("prepare migrations: %w", err)
	}
	upErr := m.Up()
	sourceErr, dbErr := m.Close()
	if upErr != nil && !errors.Is(upErr, migrate.ErrNoChange) {
		return fmt.Errorf("apply migrations: %w", upErr)
	}
	if err := errors.Join(sourceErr, dbErr); err != nil {
		return fmt.Errorf("close migrations: %w", err)
	}
	return nil
}

// InTx runs fn in a transaction, committing when it returns nil and rolling back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.DB.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("roll back: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation on the named constraint
// (any constraint when name is "").
func isUniqueViolation(err error, name string) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23505" {
		return false
	}
	return name == "" || pqErr.Constraint == name
}

// notFound turns sql.ErrNoRows into ErrNotFound and wraps every other error with the operation.
func notFound(err error, op string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return fmt.Errorf("%s: %w", op, err)
}
