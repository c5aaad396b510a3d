package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"

	"sinop/domain"
)

// EmployeeListItem is one line of an agency's register.
type EmployeeListItem struct {
	ID             int64       `db:"id"`
	NIK            string      `db:"nik"`
	FullName       string      `db:"full_name"`
	TitlePrefix    string      `db:"title_prefix"`
	TitleSuffix    string      `db:"title_suffix"`
	PositionName   string      `db:"position_name"`
	StartDate      domain.Date `db:"start_date"`
	EducationCode  string      `db:"education_code"`
	EducationMajor string      `db:"education_major"`
}

// AgencyEmployees returns one page of an agency's active employees ordered by name, and how many
// match in all. search, when not empty, matches part of the name or the start of the NIK.
func (s *Store) AgencyEmployees(ctx context.Context, agencyID int64, search string, limit, offset int) ([]EmployeeListItem, int, error) {
	search = strings.TrimSpace(search)
	where := `e.agency_id = $1 AND e.status = 'active'
		AND ($2 = '' OR e.full_name ILIKE '%' || $2 || '%' OR e.nik LIKE $2 || '%')`
	var total int
	err := s.DB.GetContext(ctx, &total, `SELECT count(*) FROM employees e WHERE `+where, agencyID, escapeLike(search))
	if err != nil {
		return nil, 0, fmt.Errorf("count agency employees: %w", err)
	}
	var out []EmployeeListItem
	err = s.DB.SelectContext(ctx, &out, `
		SELECT e.id, e.nik, e.full_name, e.title_prefix, e.title_suffix, pos.name AS position_name, e.start_date,
		       l.code AS education_code, e.education_major
		FROM employees e
		JOIN positions pos ON pos.id = e.position_id
		JOIN education_levels l ON l.id = e.education_level_id
		WHERE `+where+`
		ORDER BY e.full_name, e.id
		LIMIT $3 OFFSET $4`, agencyID, escapeLike(search), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("select agency employees: %w", err)
	}
	return out, total, nil
}

// escapeLike makes text match itself literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// EmployeeDetail is an employee with the names of the reference rows its ids point at.
type EmployeeDetail struct {
	ID                    int64         `db:"id"`
	AgencyID              int64         `db:"agency_id"`
	AgencyName            string        `db:"agency_name"`
	RecommendationID      sql.NullInt64 `db:"recommendation_id"`
	RecommendationNumber  string        `db:"recommendation_number"`
	NIK                   string        `db:"nik"`
	FamilyCardNumber      string        `db:"family_card_number"`
	FullName              string        `db:"full_name"`
	TitlePrefix           string        `db:"title_prefix"`
	TitleSuffix           string        `db:"title_suffix"`
	BirthPlace            string        `db:"birth_place"`
	BirthDate             domain.Date   `db:"birth_date"`
	Religion              string        `db:"religion"`
	Sex                   string        `db:"sex"`
	MaritalStatus         string        `db:"marital_status"`
	BloodType             string        `db:"blood_type"`
	AddressKTP            string        `db:"address_ktp"`
	AddressDomicile       string        `db:"address_domicile"`
	Email                 string        `db:"email"`
	Phone                 string        `db:"phone"`
	NPWP                  string        `db:"npwp"`
	EducationLevel        string        `db:"education_level"`
	EducationMajor        string        `db:"education_major"`
	EducationInstitution  string        `db:"education_institution"`
	GraduationYear        int           `db:"graduation_year"`
	AppliedEducationLevel string        `db:"applied_education_level"`
	AppliedEducationMajor string        `db:"applied_education_major"`
	Classification        string        `db:"classification"`
	SalaryStandard        string        `db:"salary_standard"`
	SalaryAmount          int64         `db:"salary_amount"`
	PositionName          string        `db:"position_name"`
	PositionType          string        `db:"position_type"`
	StartDate             domain.Date   `db:"start_date"`
	EndDate               domain.Date   `db:"end_date"`
	Status                string        `db:"status"`
	CreatedAt             time.Time     `db:"created_at"`
}

// EmployeeDetail returns an employee, active or not, with reference names.
func (s *Store) EmployeeDetail(ctx context.Context, id int64) (EmployeeDetail, error) {
	var e EmployeeDetail
	err := s.DB.GetContext(ctx, &e, `
		SELECT e.id, e.agency_id, a.name AS agency_name, e.recommendation_id, coalesce(r.number, '') AS recommendation_number,
		       e.nik, e.family_card_number, e.full_name, e.title_prefix, e.title_suffix, e.birth_place, e.birth_date,
		       rel.name AS religion, e.sex, e.marital_status, e.blood_type, e.address_ktp, e.address_domicile,
		       e.email, e.phone, e.npwp, l.name AS education_level, e.education_major, e.education_institution,
		       e.graduation_year, al.name AS applied_education_level, e.applied_education_major,
		       cl.name AS classification, ss.name AS salary_standard, ss.amount AS salary_amount,
		       pos.name AS position_name, e.position_type, e.start_date, e.end_date, e.status, e.created_at
		FROM employees e
		JOIN agencies a ON a.id = e.agency_id
		LEFT JOIN recommendations r ON r.id = e.recommendation_id
		JOIN religions rel ON rel.id = e.religion_id
		JOIN education_levels l ON l.id = e.education_level_id
		JOIN education_levels al ON al.id = e.applied_education_level_id
		JOIN employee_classifications cl ON cl.id = e.classification_id
		JOIN salary_standards ss ON ss.id = e.salary_standard_id
		JOIN positions pos ON pos.id = e.position_id
		WHERE e.id = $1`, id)
	if err != nil {
		return EmployeeDetail{}, notFound(err, "select employee")
	}
	return e, nil
}

// EmployeeDocuments returns the current version of each document linked to an employee, in the
// order of CandidateDocumentKinds.
func (s *Store) EmployeeDocuments(ctx context.Context, employeeID int64) ([]Document, error) {
	var docs []Document
	err := s.DB.SelectContext(ctx, &docs, `
		SELECT `+documentColumns+`
		FROM candidate_documents cd JOIN documents d ON d.id = cd.document_id
		WHERE cd.employee_id = $1 AND d.superseded_at IS NULL
		ORDER BY array_position($2::text[], d.kind), d.id`, employeeID, pq.Array(CandidateDocumentKinds))
	if err != nil {
		return nil, fmt.Errorf("select employee documents: %w", err)
	}
	return docs, nil
}

// EvaluationItem is a candidate BKD rejected in a finished proposal, with the reason.
type EvaluationItem struct {
	CandidateID          int64      `db:"candidate_id"`
	NIK                  string     `db:"nik"`
	FullName             string     `db:"full_name"`
	TitlePrefix          string     `db:"title_prefix"`
	TitleSuffix          string     `db:"title_suffix"`
	PositionName         string     `db:"position_name"`
	Reason               string     `db:"reason"`
	DecidedAt            *time.Time `db:"decided_at"`
	ProposalID           int64      `db:"proposal_id"`
	ProposalFinishedAt   time.Time  `db:"proposal_finished_at"`
	RecommendationID     int64      `db:"recommendation_id"`
	RecommendationNumber string     `db:"recommendation_number"`
}

// AgencyEvaluations returns the rejected candidates of an agency's finished proposals, newest
// proposal first.
func (s *Store) AgencyEvaluations(ctx context.Context, agencyID int64) ([]EvaluationItem, error) {
	var out []EvaluationItem
	err := s.DB.SelectContext(ctx, &out, `
		SELECT c.id AS candidate_id, c.nik, c.full_name, c.title_prefix, c.title_suffix,
		       coalesce(pos.name, '') AS position_name, c.decision_reason AS reason, c.decided_at,
		       p.id AS proposal_id, p.updated_at AS proposal_finished_at, r.id AS recommendation_id,
		       r.number AS recommendation_number
		FROM candidates c
		JOIN proposals p ON p.id = c.proposal_id
		JOIN recommendations r ON r.id = p.recommendation_id
		LEFT JOIN positions pos ON pos.id = c.position_id
		WHERE p.agency_id = $1 AND p.status = 'done' AND c.decision = 'rejected' AND c.removed_at IS NULL
		ORDER BY p.updated_at DESC, p.id DESC, c.full_name, c.id`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("select agency evaluations: %w", err)
	}
	return out, nil
}
