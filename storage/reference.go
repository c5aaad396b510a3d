package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Agency is a regency agency or health-centre unit (OPD).
type Agency struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
	Name string `db:"name"`
	Kind string `db:"kind"`
}

// RefItem is a row of a simple reference table.
type RefItem struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// EducationLevel is a row of education_levels; Rank orders the levels.
type EducationLevel struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
	Name string `db:"name"`
	Rank int    `db:"rank"`
}

// SalaryStandard is a salary standard with its amount in rupiah.
type SalaryStandard struct {
	ID     int64  `db:"id"`
	Name   string `db:"name"`
	Amount int64  `db:"amount"`
}

// Position is a position (jabatan) with its type.
type Position struct {
	ID           int64  `db:"id"`
	Name         string `db:"name"`
	PositionType string `db:"position_type"`
}

// Reference holds every reference table, for filling forms and labelling ids.
type Reference struct {
	Religions       []RefItem
	EducationLevels []EducationLevel
	Classifications []RefItem
	SalaryStandards []SalaryStandard
	Positions       []Position
}

// LoadReference reads all reference tables. They are small (tens of rows each).
func (s *Store) LoadReference(ctx context.Context) (Reference, error) {
	var ref Reference
	queries := []struct {
		dest any
		sql  string
	}{
		{&ref.Religions, `SELECT id, name FROM religions ORDER BY id`},
		{&ref.EducationLevels, `SELECT id, code, name, rank FROM education_levels ORDER BY rank`},
		{&ref.Classifications, `SELECT id, name FROM employee_classifications ORDER BY name`},
		{&ref.SalaryStandards, `SELECT id, name, amount FROM salary_standards ORDER BY amount, name`},
		{&ref.Positions, `SELECT id, name, position_type FROM positions ORDER BY name`},
	}
	for _, q := range queries {
		if err := s.DB.SelectContext(ctx, q.dest, q.sql); err != nil {
			return Reference{}, fmt.Errorf("load reference data: %w", err)
		}
	}
	return ref, nil
}

// Agencies lists all agencies by name.
func (s *Store) Agencies(ctx context.Context) ([]Agency, error) {
	var out []Agency
	if err := s.DB.SelectContext(ctx, &out, `SELECT id, code, name, kind FROM agencies ORDER BY name`); err != nil {
		return nil, fmt.Errorf("select agencies: %w", err)
	}
	return out, nil
}

// AgencyByCode returns the agency with this code.
func (s *Store) AgencyByCode(ctx context.Context, code string) (Agency, error) {
	var a Agency
	err := s.DB.GetContext(ctx, &a, `SELECT id, code, name, kind FROM agencies WHERE code = $1`, code)
	if err != nil {
		return Agency{}, notFound(err, "select agency")
	}
	return a, nil
}

// ErrAgencyCodeTaken is returned by CreateAgency for a code already in use.
var ErrAgencyCodeTaken = errors.New("agency code already taken")

// CreateAgency inserts an agency and returns its id.
func (s *Store) CreateAgency(ctx context.Context, a Agency) (int64, error) {
	return insertAgency(ctx, s.DB, a)
}

// InsertAgency inserts an agency inside tx and returns its id.
func InsertAgency(ctx context.Context, tx *sqlx.Tx, a Agency) (int64, error) {
	return insertAgency(ctx, tx, a)
}

func insertAgency(ctx context.Context, q sqlx.QueryerContext, a Agency) (int64, error) {
	var id int64
	err := q.QueryRowxContext(ctx, `INSERT INTO agencies (code, name, kind) VALUES ($1, $2, $3) RETURNING id`,
		a.Code, a.Name, a.Kind).Scan(&id)
	if isUniqueViolation(err, "agencies_code_key") {
		return 0, ErrAgencyCodeTaken
	}
	if err != nil {
		return 0, fmt.Errorf("insert agency %s: %w", a.Code, err)
	}
	return id, nil
}
