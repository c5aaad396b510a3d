package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"sinop/domain"
)

// ErrNotEditable is returned when an agency changes the candidates of a proposal that is no longer
// in its hands (neither draft nor returned to it).
var ErrNotEditable = errors.New("proposal is not editable by the agency")

// ProposalSummary is one line of an agency's list of admission proposals.
type ProposalSummary struct {
	ID                   int64         `db:"id"`
	RecommendationID     int64         `db:"recommendation_id"`
	RecommendationNumber string        `db:"recommendation_number"`
	Status               domain.Status `db:"status"`
	CandidateCount       int           `db:"candidate_count"`
	CreatedAt            time.Time     `db:"created_at"`
	// UpdatedAt is the latest change to the proposal or to any of its candidates.
	UpdatedAt time.Time `db:"updated_at"`
}

// AgencyProposals lists an agency's admission proposals, most recently changed first.
func (s *Store) AgencyProposals(ctx context.Context, agencyID int64) ([]ProposalSummary, error) {
	var out []ProposalSummary
	err := s.DB.SelectContext(ctx, &out, `
		SELECT p.id, p.recommendation_id, r.number AS recommendation_number, p.status, p.created_at,
		       (SELECT count(*) FROM candidates c WHERE c.proposal_id = p.id AND c.removed_at IS NULL) AS candidate_count,
		       greatest(p.updated_at, (SELECT max(c.updated_at) FROM candidates c WHERE c.proposal_id = p.id)) AS updated_at
		FROM proposals p JOIN recommendations r ON r.id = p.recommendation_id
		WHERE p.agency_id = $1 AND p.kind = 'admission'
		ORDER BY updated_at DESC, p.id DESC`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("select agency proposals: %w", err)
	}
	return out, nil
}

// CreateDraftProposal starts a draft proposal of an agency under one of its letters and records
// its creation. requestKey is the random token of the form that asked for it: a repeated request
// with the same key returns the draft the first one created instead of a second draft. A letter
// that is not addressed to the agency returns ErrNotFound.
func (s *Store) CreateDraftProposal(ctx context.Context, agencyID, recommendationID, actorID int64, requestKey string) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		existing, err := lockRequestKey(ctx, tx, "proposals", requestKey)
		if err != nil || existing != 0 {
			id = existing
			return err
		}
		err = tx.QueryRowxContext(ctx, `
			INSERT INTO proposals (agency_id, recommendation_id, created_by, request_key)
			SELECT $1, r.id, $3, nullif($4, '') FROM recommendations r WHERE r.id = $2 AND r.agency_id = $1
			RETURNING id`, agencyID, recommendationID, actorID, requestKey).Scan(&id)
		if err != nil {
			return notFound(err, "insert proposal")
		}
		return InsertEvent(ctx, tx, id, 0, actorID, "create", domain.StatusDraft, domain.StatusDraft, "")
	})
	return id, err
}

// lockRequestKey serialises requests that carry the same form token, then returns the id of the
// row of table an earlier request with that token created, or 0. The advisory lock lasts until
// the transaction ends, so a second request waits for the first to commit and then finds its row.
// An empty key locks nothing and finds nothing.
func lockRequestKey(ctx context.Context, tx *sqlx.Tx, table, requestKey string) (int64, error) {
	if requestKey == "" {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, table+":"+requestKey); err != nil {
		return 0, fmt.Errorf("lock request key: %w", err)
	}
	var id int64
	// table is one of two constants written in this package, never user input.
	err := tx.GetContext(ctx, &id, `SELECT id FROM `+table+` WHERE request_key = $1`, requestKey)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("select %s by request key: %w", table, err)
	}
	return id, nil
}

// CandidateListItem is a candidate of a proposal with the names a table shows.
type CandidateListItem struct {
	Candidate
	PositionName         string `db:"position_name"`
	AppliedEducationCode string `db:"applied_education_code"`
}

// ProposalCandidates returns a proposal's candidates that are not removed, in the order they
// were added. q is the database or a transaction.
func ProposalCandidates(ctx context.Context, q sqlx.QueryerContext, proposalID int64) ([]CandidateListItem, error) {
	var out []CandidateListItem
	err := sqlx.SelectContext(ctx, q, &out, `
		SELECT `+CandidateColumns+`, coalesce(pos.name, '') AS position_name, coalesce(l.code, '') AS applied_education_code
		FROM candidates c
		LEFT JOIN positions pos ON pos.id = c.position_id
		LEFT JOIN education_levels l ON l.id = c.applied_education_level_id
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL
		ORDER BY c.id`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("select proposal candidates: %w", err)
	}
	return out, nil
}

// ProposalDocuments returns the current document versions of a proposal's candidates, by
// candidate id and then by kind. q is the database or a transaction.
func ProposalDocuments(ctx context.Context, q sqlx.QueryerContext, proposalID int64) (map[int64]map[string]Document, error) {
	var rows []struct {
		CandidateID int64 `db:"candidate_id"`
		Document
	}
	err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT cd.candidate_id, `+documentColumns+`
		FROM candidate_documents cd
		JOIN documents d ON d.id = cd.document_id
		JOIN candidates c ON c.id = cd.candidate_id
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL AND d.superseded_at IS NULL`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("select proposal documents: %w", err)
	}
	out := map[int64]map[string]Document{}
	for _, r := range rows {
		if out[r.CandidateID] == nil {
			out[r.CandidateID] = map[string]Document{}
		}
		out[r.CandidateID][r.Kind] = r.Document
	}
	return out, nil
}

// documentColumns lists the documents columns for queries with alias d.
const documentColumns = `d.id, d.kind, d.object_key, d.content_type, d.size_bytes, d.original_name, d.uploaded_by,
	d.created_at, d.superseded_at`
