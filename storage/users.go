package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/crypto/bcrypt"

	"sinop/domain"
)

// User is an account. AgencyID is set for agency admins, EmployeeID for employees.
type User struct {
	ID           int64         `db:"id"`
	Username     string        `db:"username"`
	FullName     string        `db:"full_name"`
	PasswordHash string        `db:"password_hash"`
	Role         domain.Role   `db:"role"`
	AgencyID     sql.NullInt64 `db:"agency_id"`
	EmployeeID   sql.NullInt64 `db:"employee_id"`
	Active       bool          `db:"active"`
	AgencyName   string        `db:"agency_name"`
}

// ErrUsernameTaken is returned by CreateUser for a username already in use (ignoring case).
var ErrUsernameTaken = errors.New("username already taken")

// ErrBadCredentials is returned by Authenticate for an unknown username, a wrong password or an
// inactive account, without saying which.
var ErrBadCredentials = errors.New("bad credentials")

// NewUser is the input of CreateUser.
type NewUser struct {
	Username string
	FullName string
	Password string
	Role     domain.Role
	AgencyID int64 // required for domain.RoleOPD, ignored otherwise
}

// bcryptCost is bcrypt's work factor: about 50–100 ms per check on a current server core.
const bcryptCost = 11

// CreateUser hashes the password and inserts the account.
func (s *Store) CreateUser(ctx context.Context, u NewUser) (int64, error) {
	return insertUser(ctx, s.DB, u)
}

// InsertUser hashes the password and inserts the account inside tx.
func InsertUser(ctx context.Context, tx *sqlx.Tx, u NewUser) (int64, error) {
	return insertUser(ctx, tx, u)
}

func insertUser(ctx context.Context, q sqlx.QueryerContext, u NewUser) (int64, error) {
	if !u.Role.Valid() {
		return 0, fmt.Errorf("create user: invalid role %q", u.Role)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(u.Password), bcryptCost)
	if err != nil {
		return 0, fmt.Errorf("hash password: %w", err)
	}
	var agency sql.NullInt64
	if u.Role == domain.RoleOPD {
		agency = sql.NullInt64{Int64: u.AgencyID, Valid: true}
	}
	var id int64
	err = q.QueryRowxContext(ctx, `
		INSERT INTO users (username, full_name, password_hash, role, agency_id)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		u.Username, u.FullName, string(hash), u.Role, agency).Scan(&id)
	if isUniqueViolation(err, "users_username_key") {
		return 0, ErrUsernameTaken
	}
	if err != nil {
		return 0, fmt.Errorf("insert user: %w", err)
	}
	return id, nil
}

const userColumns = `u.id, u.username, u.full_name, u.password_hash, u.role, u.agency_id, u.employee_id,
	u.active, coalesce(a.name, '') AS agency_name`

// Authenticate returns the active user with this username and password.
func (s *Store) Authenticate(ctx context.Context, username, password string) (User, error) {
	var u User
	err := s.DB.GetContext(ctx, &u, `SELECT `+userColumns+`
		FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
		WHERE lower(u.username) = lower($1)`, username)
	if errors.Is(err, sql.ErrNoRows) {
		// Spend the same time as a real check, so response times do not reveal which usernames exist.
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("select user: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || !u.Active {
		return User{}, ErrBadCredentials
	}
	return u, nil
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("timing-equaliser"), bcryptCost)

// SessionLifetime is how long a session lasts after login.
const SessionLifetime = 12 * time.Hour

// CreateSession starts a session for the user and returns its token, which goes into the cookie.
func (s *Store) CreateSession(ctx context.Context, userID int64) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("generate session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	hash := sha256.Sum256([]byte(token))
	_, err := s.DB.ExecContext(ctx, `
		INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')`,
		hash[:], userID, int(SessionLifetime.Seconds()))
	if err != nil {
		return "", fmt.Errorf("insert session: %w", err)
	}
	return token, nil
}

// SessionUser returns the active user of an unexpired session, or ErrNotFound.
func (s *Store) SessionUser(ctx context.Context, token string) (User, error) {
	hash := sha256.Sum256([]byte(token))
	var u User
	err := s.DB.GetContext(ctx, &u, `SELECT `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN agencies a ON a.id = u.agency_id
		WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`, hash[:])
	if err != nil {
		return User{}, notFound(err, "select session user")
	}
	return u, nil
}

// DeleteSession ends a session, so its cookie no longer works even if it was copied.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	hash := sha256.Sum256([]byte(token))
	if _, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash[:]); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry and returns how many it removed.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= now()`)
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return res.RowsAffected()
}
