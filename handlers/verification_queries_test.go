package handlers

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"sinop/domain"
	"sinop/storage"
)

// countingDriverName is a test-only database/sql driver: lib/pq with every statement counted.
const countingDriverName = "postgres-counting"

// sqlStatements counts statements sent through countingDriverName: queries and execs, whether
// prepared or not. Transaction control (BEGIN, COMMIT) is not counted.
var sqlStatements atomic.Int64

var registerCountingDriver = sync.OnceFunc(func() {
	sql.Register(countingDriverName, countingDriver{pq.Driver{}})
	sqlx.BindDriver(countingDriverName, sqlx.DOLLAR)
})

type countingDriver struct{ inner driver.Driver }

func (d countingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return countingConn{c}, nil
}

// countingConn passes every call to lib/pq's connection, counting statements on the way.
type countingConn struct{ inner driver.Conn }

func (c countingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.inner.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return countingStmt{s}, nil
}

func (c countingConn) Close() error { return c.inner.Close() }

func (c countingConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	sqlStatements.Add(1)
	return c.inner.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	sqlStatements.Add(1)
	return c.inner.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c countingConn) Ping(ctx context.Context) error { return c.inner.(driver.Pinger).Ping(ctx) }

func (c countingConn) ResetSession(ctx context.Context) error {
	return c.inner.(driver.SessionResetter).ResetSession(ctx)
}

func (c countingConn) IsValid() bool { return c.inner.(driver.Validator).IsValid() }

func (c countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.inner.(driver.NamedValueChecker).CheckNamedValue(nv)
}

type countingStmt struct{ inner driver.Stmt }

func (s countingStmt) Close() error  { return s.inner.Close() }
func (s countingStmt) NumInput() int { return s.inner.NumInput() }

func (s countingStmt) Exec(args []driver.Value) (driver.Result, error) {
	sqlStatements.Add(1)
	return s.inner.Exec(args)
}

func (s countingStmt) Query(args []driver.Value) (driver.Rows, error) {
	sqlStatements.Add(1)
	return s.inner.Query(args)
}

func (s countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	sqlStatements.Add(1)
	return s.inner.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	sqlStatements.Add(1)
	return s.inner.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// countingStore opens a second pool on the same database as store through the counting driver.
func countingStore(tb testing.TB, store *storage.Store) *storage.Store {
	tb.Helper()
	registerCountingDriver()
	var name string
	if err := store.DB.Get(&name, `SELECT current_database()`); err != nil {
		tb.Fatalf("read database name: %v", err)
	}
	u, err := url.Parse(os.Getenv("SINOP_TEST_DATABASE_URL"))
	if err != nil {
		tb.Fatalf("parse SINOP_TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	db, err := sqlx.Open(countingDriverName, u.String())
	if err != nil {
		tb.Fatalf("open counting pool: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return &storage.Store{DB: db}
}

// statementsFor runs one request through send, which returns the response status, and returns
// how many statements the request sent to the database. Any status but 200 fails the test.
func statementsFor(tb testing.TB, send func() int) int64 {
	tb.Helper()
	before := sqlStatements.Load()
	if status := send(); status != http.StatusOK {
		tb.Fatalf("status %d, want 200", status)
	}
	return sqlStatements.Load() - before
}

// TestVerificationPageQueriesFixed checks that the page's statement count does not grow with
// the number of candidates and documents.
func TestVerificationPageQueriesFixed(t *testing.T) {
	ta := newTestApp(t)
	small, _ := ta.verificationFixture(20, 1, true)
	large, largeIDs := ta.verificationFixture(20, 8, true)
	ta.workflowDecide(large, largeIDs[0], domain.DecisionRejected, "Salah jurusan")
	ta.app.Store = countingStore(t, ta.store)
	bkd := ta.login("bkd")

	page := func(pid int64) func() int {
		return func() int { return ta.get(bkd, fmt.Sprintf("/verification/%d", pid)).StatusCode }
	}
	smallCount := statementsFor(t, page(small))
	largeCount := statementsFor(t, page(large))
	t.Logf("verification page: %d statements for 1 candidate, %d for 8", smallCount, largeCount)
	if largeCount != smallCount {
		t.Errorf("8 candidates take %d statements and 1 takes %d, want the same count", largeCount, smallCount)
	}
	// Session, proposal, quota, requirements, candidates, documents, timeline.
	if smallCount > 7 {
		t.Errorf("page takes %d statements, want at most 7", smallCount)
	}
}

// TestVerificationRowQueriesFixed checks that deciding one row reads that row alone, not the table.
func TestVerificationRowQueriesFixed(t *testing.T) {
	ta := newTestApp(t)
	small, smallIDs := ta.verificationFixture(20, 1, false)
	large, largeIDs := ta.verificationFixture(20, 8, false)
	ta.app.Store = countingStore(t, ta.store)
	bkd := ta.login("bkd")

	accept := func(pid, cid int64) func() int {
		return func() int {
			return ta.postForm(bkd, verificationDecidePath(pid, cid, "accept"), workflowForm(1), workflowHTMX...).StatusCode
		}
	}
	smallCount := statementsFor(t, accept(small, smallIDs[0]))
	largeCount := statementsFor(t, accept(large, largeIDs[3]))
	t.Logf("accept: %d statements on a proposal of 1 candidate, %d on 8", smallCount, largeCount)
	if largeCount != smallCount {
		t.Errorf("accept on 8 candidates takes %d statements, on 1 takes %d", largeCount, smallCount)
	}
}
