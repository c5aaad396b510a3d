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

// CandidateWithProposal returns a candidate that is not removed, with its proposal, so callers
// can check the proposal's agency and status. A removed candidate returns ErrNotFound.
func (s *Store) CandidateWithProposal(ctx context.Context, id int64) (Candidate, Proposal, error) {
	var c Candidate
	err := s.DB.GetContext(ctx, &c, `SELECT `+CandidateColumns+` FROM candidates c WHERE c.id = $1 AND c.removed_at IS NULL`, id)
	if err != nil {
		return Candidate{}, Proposal{}, notFound(err, "select candidate")
	}
	p, err := s.Proposal(ctx, c.ProposalID)
	if err != nil {
		return Candidate{}, Proposal{}, err
	}
	return c, p, nil
}

// CandidateDocuments returns the current version of each document of a candidate, by kind.
func (s *Store) CandidateDocuments(ctx context.Context, candidateID int64) (map[string]Document, error) {
	var docs []Document
	err := s.DB.SelectContext(ctx, &docs, `
		SELECT `+documentColumns+`
		FROM candidate_documents cd JOIN documents d ON d.id = cd.document_id
		WHERE cd.candidate_id = $1 AND d.superseded_at IS NULL`, candidateID)
	if err != nil {
		return nil, fmt.Errorf("select candidate documents: %w", err)
	}
	out := make(map[string]Document, len(docs))
	for _, d := range docs {
		out[d.Kind] = d
	}
	return out, nil
}

// AddCandidate inserts a candidate into a proposal the agency may still edit, claims its NIK
// (see ClaimNIK for duplicates) and records the addition in the timeline. requestKey is the form's
// random token: a repeated request with the same key returns the candidate the first one created.
// A proposal that is no longer editable returns ErrNotEditable.
func (s *Store) AddCandidate(ctx context.Context, c Candidate, requestKey string, actor Actor) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		existing, err := lockRequestKey(ctx, tx, "candidates", requestKey)
		if err != nil || existing != 0 {
			id = existing
			return err
		}
		status, err := lockEditableProposal(ctx, tx, c.ProposalID)
		if err != nil {
			return err
		}
		id, err = InsertCandidate(ctx, tx, c)
		if err != nil {
			return err
		}
		if requestKey != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE candidates SET request_key = $2 WHERE id = $1`, id, requestKey); err != nil {
				return fmt.Errorf("set candidate request key: %w", err)
			}
		}
		return InsertEvent(ctx, tx, c.ProposalID, id, actor.ID, domain.ActionAddCandidate, status, status, "")
	})
	return id, err
}

// lockEditableProposal takes a share lock on the proposal, which keeps a concurrent submission
// waiting until the caller's transaction ends, and returns its status when the agency may still
// change its candidates, else ErrNotEditable.
func lockEditableProposal(ctx context.Context, tx *sqlx.Tx, proposalID int64) (domain.Status, error) {
	var status domain.Status
	err := tx.GetContext(ctx, &status, `SELECT status FROM proposals WHERE id = $1 FOR SHARE`, proposalID)
	if err != nil {
		return "", notFound(err, "lock proposal")
	}
	if !status.EditableByAgency() {
		return "", ErrNotEditable
	}
	return status, nil
}

// lockAgencyCandidate locks an editable proposal and then its candidate for a change by the agency.
// A removed candidate returns ErrNotFound, a stale version a *ConflictError.
func lockAgencyCandidate(ctx context.Context, tx *sqlx.Tx, id int64, version int) (Candidate, domain.Status, error) {
	var proposalID int64
	if err := tx.GetContext(ctx, &proposalID, `SELECT proposal_id FROM candidates WHERE id = $1`, id); err != nil {
		return Candidate{}, "", notFound(err, "select candidate proposal")
	}
	status, err := lockEditableProposal(ctx, tx, proposalID)
	if err != nil {
		return Candidate{}, "", err
	}
	var c Candidate
	err = tx.GetContext(ctx, &c, `SELECT `+CandidateColumns+` FROM candidates c WHERE c.id = $1 AND c.removed_at IS NULL FOR UPDATE`, id)
	if err != nil {
		return Candidate{}, "", notFound(err, "lock candidate")
	}
	if version != 0 && c.Version != version {
		return Candidate{}, "", agencyCandidateConflict(ctx, tx, c)
	}
	return c, status, nil
}

// agencyCandidateConflict builds the ConflictError for a candidate from the latest timeline line
// about it, or names "pengguna lain" (another user) when there is none.
func agencyCandidateConflict(ctx context.Context, q sqlx.QueryerContext, c Candidate) error {
	var last struct {
		By string    `db:"by"`
		At time.Time `db:"at"`
	}
	err := sqlx.GetContext(ctx, q, &last, `
		SELECT coalesce(nullif(u.full_name, ''), u.username) AS by, e.created_at AS at
		FROM proposal_events e JOIN users u ON u.id = e.actor_id
		WHERE e.candidate_id = $1 ORDER BY e.id DESC LIMIT 1`, c.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &ConflictError{By: "pengguna lain", At: c.UpdatedAt}
	}
	if err != nil {
		return fmt.Errorf("select last candidate event: %w", err)
	}
	return &ConflictError{By: last.By, At: last.At}
}

// UpdateCandidate saves the agency's changes to a candidate read at version, returning the
// saved row. When the NIK changes its claim in active_niks moves with it, so a duplicate returns a
// *DuplicateNIKError. When the proposal came back from BKD and the data changed, BKD's decision on
// the candidate returns to pending, because BKD decided on data that no longer holds.
// A stale version returns a *ConflictError and a proposal in BKD's hands ErrNotEditable.
func (s *Store) UpdateCandidate(ctx context.Context, c Candidate, version int, actor Actor) (Candidate, error) {
	var saved Candidate
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		old, status, err := lockAgencyCandidate(ctx, tx, c.ID, 0)
		if err != nil {
			return err
		}
		// Saving what is already stored changes nothing, so a repeated submit of the same form
		// succeeds instead of reporting a conflict with itself.
		if sameCandidateData(old, c) {
			saved = old
			return nil
		}
		if old.Version != version {
			return agencyCandidateConflict(ctx, tx, old)
		}
		if c.NIK != old.NIK {
			if err := moveNIKClaim(ctx, tx, c.ID, c.NIK); err != nil {
				return err
			}
		}
		c.ProposalID = old.ProposalID
		resetDecision := status == domain.StatusReturnedToOPD
		err = tx.GetContext(ctx, &saved, `
			UPDATE candidates c SET nik = $2, family_card_number = $3, full_name = $4, title_prefix = $5, title_suffix = $6,
				birth_place = $7, birth_date = $8, religion_id = $9, sex = $10, marital_status = $11, blood_type = $12,
				address_ktp = $13, address_domicile = $14, email = $15, phone = $16, npwp = $17,
				education_level_id = $18, education_major = $19, education_institution = $20, graduation_year = $21,
				applied_education_level_id = $22, applied_education_major = $23, classification_id = $24,
				salary_standard_id = $25, position_id = $26, position_type = $27, start_date = $28,
				decision = CASE WHEN $29 THEN 'pending' ELSE decision END,
				decision_reason = CASE WHEN $29 THEN '' ELSE decision_reason END,
				decided_by = CASE WHEN $29 THEN NULL ELSE decided_by END,
				decided_at = CASE WHEN $29 THEN NULL ELSE decided_at END,
				version = version + 1, updated_at = now()
			WHERE c.id = $1
			RETURNING `+CandidateColumns,
			c.ID, c.NIK, c.FamilyCardNumber, c.FullName, c.TitlePrefix, c.TitleSuffix,
			c.BirthPlace, c.BirthDate, c.ReligionID, c.Sex, c.MaritalStatus, c.BloodType,
			c.AddressKTP, c.AddressDomicile, c.Email, c.Phone, c.NPWP,
			c.EducationLevelID, c.EducationMajor, c.EducationInstitution, c.GraduationYear,
			c.AppliedEducationLevelID, c.AppliedEducationMajor, c.ClassificationID,
			c.SalaryStandardID, c.PositionID, c.PositionType, c.StartDate, resetDecision)
		if err != nil {
			return fmt.Errorf("update candidate: %w", err)
		}
		return recordCandidateEdit(ctx, tx, old.ProposalID, c.ID, actor.ID, status)
	})
	return saved, err
}

// moveNIKClaim changes the NIK a candidate holds in active_niks, returning a *DuplicateNIKError
// when the new NIK is active elsewhere. The savepoint keeps the transaction usable after the
// unique violation, for the query that finds where the NIK is.
func moveNIKClaim(ctx context.Context, tx *sqlx.Tx, candidateID int64, nik string) error {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT move_nik`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	res, err := tx.ExecContext(ctx, `UPDATE active_niks SET nik = $2 WHERE candidate_id = $1`, candidateID, nik)
	if err == nil {
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT move_nik`); err != nil {
			return fmt.Errorf("release savepoint: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		// A candidate always holds its claim while it is in an open proposal; restore a lost one.
		return ClaimNIK(ctx, tx, nik, candidateID)
	}
	if !isUniqueViolation(err, "active_niks_pkey") {
		return fmt.Errorf("move NIK claim: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT move_nik`); err != nil {
		return fmt.Errorf("roll back to savepoint: %w", err)
	}
	return duplicateNIK(ctx, tx, nik)
}

// recordCandidateEdit records an edit in the timeline. Consecutive edits of one candidate by one
// user become a single line carrying the latest time, so saving a draft often does not flood the
// timeline.
func recordCandidateEdit(ctx context.Context, tx *sqlx.Tx, proposalID, candidateID, actorID int64, status domain.Status) error {
	res, err := tx.ExecContext(ctx, `
		UPDATE proposal_events SET created_at = now()
		WHERE id = (SELECT max(id) FROM proposal_events WHERE proposal_id = $1)
		  AND action = $4 AND candidate_id = $2 AND actor_id = $3`,
		proposalID, candidateID, actorID, domain.ActionUpdateCandidate)
	if err != nil {
		return fmt.Errorf("refresh candidate edit event: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	return InsertEvent(ctx, tx, proposalID, candidateID, actorID, domain.ActionUpdateCandidate, status, status, "")
}

// sameCandidateData reports whether two candidates hold the same biodata and job data.
func sameCandidateData(a, b Candidate) bool {
	return a.NIK == b.NIK && a.FamilyCardNumber == b.FamilyCardNumber && a.FullName == b.FullName &&
		a.TitlePrefix == b.TitlePrefix && a.TitleSuffix == b.TitleSuffix && a.BirthPlace == b.BirthPlace &&
		a.BirthDate == b.BirthDate && a.ReligionID == b.ReligionID && a.Sex == b.Sex &&
		a.MaritalStatus == b.MaritalStatus && a.BloodType == b.BloodType && a.AddressKTP == b.AddressKTP &&
		a.AddressDomicile == b.AddressDomicile && a.Email == b.Email && a.Phone == b.Phone && a.NPWP == b.NPWP &&
		a.EducationLevelID == b.EducationLevelID && a.EducationMajor == b.EducationMajor &&
		a.EducationInstitution == b.EducationInstitution && a.GraduationYear == b.GraduationYear &&
		a.AppliedEducationLevelID == b.AppliedEducationLevelID && a.AppliedEducationMajor == b.AppliedEducationMajor &&
		a.ClassificationID == b.ClassificationID && a.SalaryStandardID == b.SalaryStandardID &&
		a.PositionID == b.PositionID && a.PositionType == b.PositionType && a.StartDate == b.StartDate
}

// RemoveCandidate takes a candidate read at version out of its proposal: the row stays for the
// timeline with removed_at set, and its NIK is free again. A stale version returns a
// *ConflictError and a proposal in BKD's hands ErrNotEditable.
func (s *Store) RemoveCandidate(ctx context.Context, id int64, version int, actor Actor) (Candidate, error) {
	var removed Candidate
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		c, status, err := lockAgencyCandidate(ctx, tx, id, version)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE candidates SET removed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, id); err != nil {
			return fmt.Errorf("remove candidate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM active_niks WHERE candidate_id = $1`, id); err != nil {
			return fmt.Errorf("release NIK claim: %w", err)
		}
		removed = c
		return InsertEvent(ctx, tx, c.ProposalID, id, actor.ID, domain.ActionRemoveCandidate, status, status, "")
	})
	return removed, err
}

// LinkAgencyCandidateDocument links an uploaded document to a candidate inside tx on the agency's
// behalf: the proposal must still be editable (else ErrNotEditable) and the candidate not removed
// (else ErrNotFound). The previous version of the kind is superseded, see LinkCandidateDocument.
// On a proposal returned by BKD the candidate's decision returns to pending, because BKD judged
// the earlier document. The candidate's version is left alone, so a form open on the same page
// can still be saved.
func LinkAgencyCandidateDocument(ctx context.Context, tx *sqlx.Tx, candidateID int64, doc Document) error {
	_, status, err := lockAgencyCandidate(ctx, tx, candidateID, 0)
	if err != nil {
		return err
	}
	if err := LinkCandidateDocument(ctx, tx, candidateID, doc); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE candidates SET updated_at = now(),
			decision = CASE WHEN $2 THEN 'pending' ELSE decision END,
			decision_reason = CASE WHEN $2 THEN '' ELSE decision_reason END,
			decided_by = CASE WHEN $2 THEN NULL ELSE decided_by END,
			decided_at = CASE WHEN $2 THEN NULL ELSE decided_at END
		WHERE id = $1`, candidateID, status == domain.StatusReturnedToOPD)
	if err != nil {
		return fmt.Errorf("touch candidate after upload: %w", err)
	}
	return nil
}
