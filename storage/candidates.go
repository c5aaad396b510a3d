package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"database/sql"
	"time"

	"sinop/domain"
)

// Candidate is a person inside a proposal. Empty strings and NULLs stand for fields a draft has
// not filled yet.
type Candidate struct {
	ID                      int64           `db:"id"`
	ProposalID              int64           `db:"proposal_id"`
	NIK                     string          `db:"nik"`
	FamilyCardNumber        string          `db:"family_card_number"`
	FullName                string          `db:"full_name"`
	TitlePrefix             string          `db:"title_prefix"`
	TitleSuffix             string          `db:"title_suffix"`
	BirthPlace              string          `db:"birth_place"`
	BirthDate               domain.Date     `db:"birth_date"`
	ReligionID              sql.NullInt64   `db:"religion_id"`
	Sex                     string          `db:"sex"`
	MaritalStatus           string          `db:"marital_status"`
	BloodType               string          `db:"blood_type"`
	AddressKTP              string          `db:"address_ktp"`
	AddressDomicile         string          `db:"address_domicile"`
	Email                   string          `db:"email"`
	Phone                   string          `db:"phone"`
	NPWP                    string          `db:"npwp"`
	EducationLevelID        sql.NullInt64   `db:"education_level_id"`
	EducationMajor          string          `db:"education_major"`
	EducationInstitution    string          `db:"education_institution"`
	GraduationYear          sql.NullInt32   `db:"graduation_year"`
	AppliedEducationLevelID sql.NullInt64   `db:"applied_education_level_id"`
	AppliedEducationMajor   string          `db:"applied_education_major"`
	ClassificationID        sql.NullInt64   `db:"classification_id"`
	SalaryStandardID        sql.NullInt64   `db:"salary_standard_id"`
	PositionID              sql.NullInt64   `db:"position_id"`
	PositionType            string          `db:"position_type"`
	StartDate               domain.Date     `db:"start_date"`
	Decision                domain.Decision `db:"decision"`
	DecisionReason          string          `db:"decision_reason"`
	DecidedBy               sql.NullInt64   `db:"decided_by"`
	DecidedAt               *time.Time      `db:"decided_at"`
	CorrectionReason        string          `db:"correction_reason"`
	RemovedAt               *time.Time      `db:"removed_at"`
	Version                 int             `db:"version"`
	CreatedBy               int64           `db:"created_by"`
	CreatedAt               time.Time       `db:"created_at"`
	UpdatedAt               time.Time       `db:"updated_at"`
}

// CandidateColumns lists every candidates column, for SELECT c.* style queries with alias c.
const CandidateColumns = `c.id, c.proposal_id, c.nik, c.family_card_number, c.full_name, c.title_prefix, c.title_suffix,
	c.birth_place, c.birth_date, c.religion_id, c.sex, c.marital_status, c.blood_type, c.address_ktp,
	c.address_domicile, c.email, c.phone, c.npwp, c.education_level_id, c.education_major,
	c.education_institution, c.graduation_year, c.applied_education_level_id, c.applied_education_major,
	c.classification_id, c.salary_standard_id, c.position_id, c.position_type, c.start_date, c.decision,
	c.decision_reason, c.decided_by, c.decided_at, c.correction_reason, c.removed_at, c.version,
	c.created_by, c.created_at, c.updated_at`

// DuplicateNIKError is returned when a NIK is already active in the register or an open proposal.
// Its fields are for BKD; agencies are shown a message without the other agency's data.
type DuplicateNIKError struct {
	AgencyID   int64
	AgencyName string
	// InRegister is true for an active employee, false for a candidate of an open proposal.
	InRegister bool
	ProposalID int64
}

func (e *DuplicateNIKError) Error() string {
	if e.InRegister {
		return fmt.Sprintf("NIK already active in the register of agency %d", e.AgencyID)
	}
	return fmt.Sprintf("NIK already in open proposal %d of agency %d", e.ProposalID, e.AgencyID)
}

// ClaimNIK records that nik is active as a candidate inside tx. When it is already active
// elsewhere it returns a *DuplicateNIKError; the caller's transaction must then roll back.
func ClaimNIK(ctx context.Context, tx *sqlx.Tx, nik string, candidateID int64) error {
	_, err := tx.ExecContext(ctx, `SAVEPOINT claim_nik`)
	if err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO active_niks (nik, candidate_id) VALUES ($1, $2)`, nik, candidateID)
	if err == nil {
		_, err = tx.ExecContext(ctx, `RELEASE SAVEPOINT claim_nik`)
		return err
	}
	if !isUniqueViolation(err, "active_niks_pkey") {
		return fmt.Errorf("claim NIK: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT claim_nik`); err != nil {
		return fmt.Errorf("roll back to savepoint: %w", err)
	}
	return duplicateNIK(ctx, tx, nik)
}

// duplicateNIK describes where an active NIK is.
func duplicateNIK(ctx context.Context, q sqlx.QueryerContext, nik string) error {
	var d struct {
		AgencyID   int64         `db:"agency_id"`
		AgencyName string        `db:"agency_name"`
		EmployeeID sql.NullInt64 `db:"employee_id"`
		ProposalID sql.NullInt64 `db:"proposal_id"`
	}
	err := sqlx.GetContext(ctx, q, &d, `
		SELECT coalesce(e.agency_id, p.agency_id) AS agency_id, a.name AS agency_name, n.employee_id, p.id AS proposal_id
		FROM active_niks n
		LEFT JOIN employees e ON e.id = n.employee_id
		LEFT JOIN candidates c ON c.id = n.candidate_id
		LEFT JOIN proposals p ON p.id = c.proposal_id
		JOIN agencies a ON a.id = coalesce(e.agency_id, p.agency_id)
		WHERE n.nik = $1`, nik)
	if err != nil {
		return fmt.Errorf("select active NIK: %w", err)
	}
	return &DuplicateNIKError{AgencyID: d.AgencyID, AgencyName: d.AgencyName, InRegister: d.EmployeeID.Valid, ProposalID: d.ProposalID.Int64}
}

// InsertCandidate inserts a candidate inside tx and claims its NIK; see ClaimNIK for duplicates.
// It returns the new id.
func InsertCandidate(ctx context.Context, tx *sqlx.Tx, c Candidate) (int64, error) {
	var id int64
	rows, err := sqlx.NamedQueryContext(ctx, tx, `
		INSERT INTO candidates (proposal_id, nik, family_card_number, full_name, title_prefix, title_suffix,
			birth_place, birth_date, religion_id, sex, marital_status, blood_type, address_ktp, address_domicile,
			email, phone, npwp, education_level_id, education_major, education_institution, graduation_year,
			applied_education_level_id, applied_education_major, classification_id, salary_standard_id,
			position_id, position_type, start_date, created_by)
		VALUES (:proposal_id, :nik, :family_card_number, :full_name, :title_prefix, :title_suffix,
			:birth_place, :birth_date, :religion_id, :sex, :marital_status, :blood_type, :address_ktp, :address_domicile,
			:email, :phone, :npwp, :education_level_id, :education_major, :education_institution, :graduation_year,
			:applied_education_level_id, :applied_education_major, :classification_id, :salary_standard_id,
			:position_id, :position_type, :start_date, :created_by)
		RETURNING id`, c)
	if err != nil {
		return 0, fmt.Errorf("insert candidate: %w", err)
	}
	if rows.Next() {
		err = rows.Scan(&id)
	}
	closeErr := rows.Close()
	if err != nil || closeErr != nil {
		return 0, fmt.Errorf("insert candidate: %w", errors.Join(err, closeErr, rows.Err()))
	}
	if err := ClaimNIK(ctx, tx, c.NIK, id); err != nil {
		return 0, err
	}
	return id, nil
}

// LinkCandidateDocument links a stored document to a candidate inside tx, marking the previous
// version of the same kind as superseded.
func LinkCandidateDocument(ctx context.Context, tx *sqlx.Tx, candidateID int64, doc Document) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE documents d SET superseded_at = now()
		FROM candidate_documents cd
		WHERE cd.document_id = d.id AND cd.candidate_id = $1 AND d.kind = $2 AND d.superseded_at IS NULL AND d.id <> $3`,
		candidateID, doc.Kind, doc.ID)
	if err != nil {
		return fmt.Errorf("supersede candidate document: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO candidate_documents (candidate_id, document_id) VALUES ($1, $2)`,
		candidateID, doc.ID); err != nil {
		return fmt.Errorf("link candidate document: %w", err)
	}
	return nil
}
