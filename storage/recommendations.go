package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"sinop/domain"
)

// Recommendation is BKD's letter to an agency: its quota and requirements for new staff.
type Recommendation struct {
	ID         int64         `db:"id"`
	AgencyID   int64         `db:"agency_id"`
	AgencyName string        `db:"agency_name"`
	Number     string        `db:"number"`
	LetterDate domain.Date   `db:"letter_date"`
	Year       int           `db:"year"`
	Quota      int           `db:"quota"`
	DocumentID sql.NullInt64 `db:"document_id"`
	CreatedBy  int64         `db:"created_by"`
	CreatedAt  time.Time     `db:"created_at"`
	// RequestKey identifies the form submission that created the letter; it is written, not read.
	RequestKey string `db:"-"`
}

// Requirement is one line of a letter: how many people for a position, with a minimum education
// level and a major ("" for any).
type Requirement struct {
	ID                  int64  `db:"id"`
	RecommendationID    int64  `db:"recommendation_id"`
	PositionID          int64  `db:"position_id"`
	PositionName        string `db:"position_name"`
	MinEducationLevelID int64  `db:"min_education_level_id"`
	MinEducationCode    string `db:"min_education_code"`
	MinEducationRank    int    `db:"min_education_rank"`
	Major               string `db:"major"`
	Count               int    `db:"count"`
}

// ErrDuplicateLetterNumber is returned when a letter with the same number (ignoring case) exists.
var ErrDuplicateLetterNumber = fmt.Errorf("recommendation number already exists")

// ErrDuplicateRequest is returned when a letter was already created from the same form
// submission (the same request key), as happens when a form is sent twice.
var ErrDuplicateRequest = fmt.Errorf("recommendation already created by this request")

// InsertRecommendation inserts a letter and its requirements inside tx and returns the letter's id.
// A non-empty r.RequestKey is stored so that a repeated submission returns ErrDuplicateRequest.
func (s *Store) InsertRecommendation(ctx context.Context, tx *sqlx.Tx, r Recommendation, reqs []Requirement) (int64, error) {
	var id int64
	err := tx.QueryRowxContext(ctx, `
		INSERT INTO recommendations (agency_id, number, letter_date, year, quota, document_id, created_by, request_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) RETURNING id`,
		r.AgencyID, r.Number, r.LetterDate, r.Year, r.Quota, r.DocumentID, r.CreatedBy, r.RequestKey).Scan(&id)
	if isUniqueViolation(err, "recommendations_request_key_key") {
		return 0, ErrDuplicateRequest
	}
	if isUniqueViolation(err, "recommendations_number_key") {
		return 0, ErrDuplicateLetterNumber
	}
	if err != nil {
		return 0, fmt.Errorf("insert recommendation: %w", err)
	}
	for _, q := range reqs {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO recommendation_requirements (recommendation_id, position_id, min_education_level_id, major, count)
			VALUES ($1, $2, $3, $4, $5)`, id, q.PositionID, q.MinEducationLevelID, q.Major, q.Count)
		if err != nil {
			return 0, fmt.Errorf("insert recommendation requirement: %w", err)
		}
	}
	return id, nil
}

const recommendationColumns = `r.id, r.agency_id, a.name AS agency_name, r.number, r.letter_date, r.year, r.quota,
	r.document_id, r.created_by, r.created_at`

// Recommendation returns a letter by id.
func (s *Store) Recommendation(ctx context.Context, id int64) (Recommendation, error) {
	var r Recommendation
	err := s.DB.GetContext(ctx, &r, `SELECT `+recommendationColumns+`
		FROM recommendations r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`, id)
	if err != nil {
		return Recommendation{}, notFound(err, "select recommendation")
	}
	return r, nil
}

// Recommendations lists letters, newest first: all of them when agencyID is 0, else the agency's.
func (s *Store) Recommendations(ctx context.Context, agencyID int64) ([]Recommendation, error) {
	var out []Recommendation
	err := s.DB.SelectContext(ctx, &out, `SELECT `+recommendationColumns+`
		FROM recommendations r JOIN agencies a ON a.id = r.agency_id
		WHERE $1 = 0 OR r.agency_id = $1
		ORDER BY r.letter_date DESC, r.id DESC`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("select recommendations: %w", err)
	}
	return out, nil
}

// Requirements returns a letter's requirement lines.
func (s *Store) Requirements(ctx context.Context, recommendationID int64) ([]Requirement, error) {
	var out []Requirement
	err := s.DB.SelectContext(ctx, &out, `
		SELECT q.id, q.recommendation_id, q.position_id, p.name AS position_name, q.min_education_level_id,
		       l.code AS min_education_code, l.rank AS min_education_rank, q.major, q.count
		FROM recommendation_requirements q
		JOIN positions p ON p.id = q.position_id
		JOIN education_levels l ON l.id = q.min_education_level_id
		WHERE q.recommendation_id = $1 ORDER BY q.id`, recommendationID)
	if err != nil {
		return nil, fmt.Errorf("select requirements: %w", err)
	}
	return out, nil
}

// DomainRequirements converts requirement rows for domain.CheckEducation.
func DomainRequirements(reqs []Requirement) []domain.Requirement {
	out := make([]domain.Requirement, 0, len(reqs))
	for _, q := range reqs {
		out = append(out, domain.Requirement{
			PositionID: q.PositionID,
			MinLevel:   domain.EducationLevel{ID: q.MinEducationLevelID, Code: q.MinEducationCode, Rank: q.MinEducationRank},
			Major:      q.Major,
		})
	}
	return out
}

// RecommendationNumberTaken reports whether a letter numbered number (ignoring case) exists. The
// unique index still decides when two letters are saved at once.
func (s *Store) RecommendationNumberTaken(ctx context.Context, number string) (bool, error) {
	var taken bool
	err := s.DB.GetContext(ctx, &taken, `SELECT EXISTS (SELECT 1 FROM recommendations WHERE lower(number) = lower($1))`, number)
	if err != nil {
		return false, fmt.Errorf("check recommendation number: %w", err)
	}
	return taken, nil
}

// RecommendationIDByRequestKey returns the id of the letter created by a form submission.
func (s *Store) RecommendationIDByRequestKey(ctx context.Context, key string) (int64, error) {
	var id int64
	err := s.DB.GetContext(ctx, &id, `SELECT id FROM recommendations WHERE request_key = $1`, key)
	if err != nil {
		return 0, notFound(err, "select recommendation by request key")
	}
	return id, nil
}

// RecommendationUse is how much of a letter's quota is taken: employees admitted under it, and
// live candidates (neither removed nor rejected) of its proposals that are not done yet.
type RecommendationUse struct {
	Admitted   int `db:"admitted"`
	InProgress int `db:"in_progress"`
}

// RecommendationSummary is a letter with the use of its quota, for lists.
type RecommendationSummary struct {
	Recommendation
	RecommendationUse
}

// Remaining returns the places of the quota not taken by admitted employees.
func (r RecommendationSummary) Remaining() int { return r.Quota - r.Admitted }

const recommendationUseColumns = `
	(SELECT count(*) FROM employees e WHERE e.recommendation_id = r.id) AS admitted,
	(SELECT count(*) FROM candidates c JOIN proposals p ON p.id = c.proposal_id
	 WHERE p.recommendation_id = r.id AND p.status <> 'done' AND c.removed_at IS NULL AND c.decision <> 'rejected') AS in_progress`

// RecommendationSummaries lists letters with their quota use, newest first: all of them when
// agencyID is 0, else the agency's.
func (s *Store) RecommendationSummaries(ctx context.Context, agencyID int64) ([]RecommendationSummary, error) {
	var out []RecommendationSummary
	err := s.DB.SelectContext(ctx, &out, `SELECT `+recommendationColumns+`,`+recommendationUseColumns+`
		FROM recommendations r JOIN agencies a ON a.id = r.agency_id
		WHERE $1 = 0 OR r.agency_id = $1
		ORDER BY r.letter_date DESC, r.id DESC`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("select recommendation summaries: %w", err)
	}
	return out, nil
}

// RecommendationSummaryByID returns one letter with its quota use.
func (s *Store) RecommendationSummaryByID(ctx context.Context, id int64) (RecommendationSummary, error) {
	var out RecommendationSummary
	err := s.DB.GetContext(ctx, &out, `SELECT `+recommendationColumns+`,`+recommendationUseColumns+`
		FROM recommendations r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`, id)
	if err != nil {
		return RecommendationSummary{}, notFound(err, "select recommendation summary")
	}
	return out, nil
}
