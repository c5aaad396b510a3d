package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"sinop/domain"
)

// Timeline actions of BKD's decision on one candidate; domain.Action.Label names them.
const (
	actionAccept domain.Action = "accept"
	actionReject domain.Action = "reject"
)

// QueueItem is an admission proposal as the verification and review queues list it.
type QueueItem struct {
	ID                   int64         `db:"id"`
	AgencyName           string        `db:"agency_name"`
	RecommendationID     int64         `db:"recommendation_id"`
	RecommendationNumber string        `db:"recommendation_number"`
	Status               domain.Status `db:"status"`
	Candidates           int           `db:"candidates"`
	Accepted             int           `db:"accepted"`
	Rejected             int           `db:"rejected"`
	// SubmittedAt is the agency's latest submission, or the creation time when it never submitted.
	SubmittedAt time.Time `db:"submitted_at"`
	// StatusSince is when the proposal entered its current status.
	StatusSince time.Time `db:"status_since"`
}

// ProposalQueue lists the admission proposals in any of statuses, the earliest submitted first,
// with their live candidates counted by decision.
func (s *Store) ProposalQueue(ctx context.Context, statuses ...domain.Status) ([]QueueItem, error) {
	names := make([]string, len(statuses))
	for i, st := range statuses {
		names[i] = string(st)
	}
	var out []QueueItem
	err := s.DB.SelectContext(ctx, &out, `
		SELECT p.id, a.name AS agency_name, p.recommendation_id, r.number AS recommendation_number, p.status,
		       coalesce(c.total, 0) AS candidates, coalesce(c.accepted, 0) AS accepted,
		       coalesce(c.rejected, 0) AS rejected,
		       coalesce(ev.submitted_at, p.created_at) AS submitted_at,
		       coalesce(ev.status_since, p.updated_at) AS status_since
		FROM proposals p
		JOIN agencies a ON a.id = p.agency_id
		JOIN recommendations r ON r.id = p.recommendation_id
		LEFT JOIN LATERAL (
			SELECT count(*) AS total,
			       count(*) FILTER (WHERE decision = 'accepted') AS accepted,
			       count(*) FILTER (WHERE decision = 'rejected') AS rejected
			FROM candidates WHERE proposal_id = p.id AND removed_at IS NULL) c ON true
		LEFT JOIN LATERAL (
			SELECT max(e.created_at) FILTER (WHERE e.action = 'submit') AS submitted_at,
			       max(e.created_at) FILTER (WHERE e.from_status <> e.to_status) AS status_since
			FROM proposal_events e WHERE e.proposal_id = p.id) ev ON true
		WHERE p.kind = 'admission' AND p.status = ANY($1)
		ORDER BY submitted_at, p.id`, pq.Array(names))
	if err != nil {
		return nil, fmt.Errorf("select proposal queue: %w", err)
	}
	return out, nil
}

// VerificationCandidate is a live candidate as the verification and review tables show it: identity,
// position and applied education with their names, BKD's decision, the superadmin's correction,
// and the current version of each document.
type VerificationCandidate struct {
	ID               int64           `db:"id"`
	ProposalID       int64           `db:"proposal_id"`
	NIK              string          `db:"nik"`
	FullName         string          `db:"full_name"`
	TitlePrefix      string          `db:"title_prefix"`
	TitleSuffix      string          `db:"title_suffix"`
	MaritalStatus    string          `db:"marital_status"`
	PositionID       sql.NullInt64   `db:"position_id"`
	PositionName     string          `db:"position_name"`
	AppliedLevelID   sql.NullInt64   `db:"applied_level_id"`
	AppliedLevelCode string          `db:"applied_level_code"`
	AppliedLevelRank int             `db:"applied_level_rank"`
	AppliedMajor     string          `db:"applied_major"`
	Decision         domain.Decision `db:"decision"`
	DecisionReason   string          `db:"decision_reason"`
	DeciderName      string          `db:"decider_name"`
	DecidedAt        *time.Time      `db:"decided_at"`
	CorrectionReason string          `db:"correction_reason"`
	Version          int             `db:"version"`
	// Documents holds the current version of each uploaded kind, keyed by kind.
	Documents map[string]Document `db:"-"`
}

// AppliedLevel returns the applied education level for domain.CheckEducation; its ID is 0 when
// the agency has not filled it.
func (c VerificationCandidate) AppliedLevel() domain.EducationLevel {
	return domain.EducationLevel{ID: c.AppliedLevelID.Int64, Code: c.AppliedLevelCode, Rank: c.AppliedLevelRank}
}

// VerificationRows returns a proposal's live candidates in the order they were added, each with
// its current documents. candidateID 0 returns all of them, another value only that candidate.
// It runs two queries whatever the number of candidates: one for the rows, one for the documents.
func (s *Store) VerificationRows(ctx context.Context, proposalID, candidateID int64) ([]VerificationCandidate, error) {
	var rows []VerificationCandidate
	err := s.DB.SelectContext(ctx, &rows, `
		SELECT c.id, c.proposal_id, c.nik, c.full_name, c.title_prefix, c.title_suffix, c.marital_status,
		       c.position_id, coalesce(pos.name, '') AS position_name,
		       c.applied_education_level_id AS applied_level_id, coalesce(l.code, '') AS applied_level_code,
		       coalesce(l.rank, 0) AS applied_level_rank, c.applied_education_major AS applied_major,
		       c.decision, c.decision_reason, coalesce(nullif(u.full_name, ''), u.username, '') AS decider_name,
		       c.decided_at, c.correction_reason, c.version
		FROM candidates c
		LEFT JOIN positions pos ON pos.id = c.position_id
		LEFT JOIN education_levels l ON l.id = c.applied_education_level_id
		LEFT JOIN users u ON u.id = c.decided_by
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL AND ($2::bigint = 0 OR c.id = $2)
		ORDER BY c.id`, proposalID, candidateID)
	if err != nil {
		return nil, fmt.Errorf("select verification candidates: %w", err)
	}
	if len(rows) == 0 {
		return rows, nil
	}

	var docs []struct {
		CandidateID int64 `db:"candidate_id"`
		Document
	}
	err = s.DB.SelectContext(ctx, &docs, `
		SELECT cd.candidate_id, d.id, d.kind, d.object_key, d.content_type, d.size_bytes, d.original_name,
		       d.uploaded_by, d.created_at, d.superseded_at
		FROM candidate_documents cd
		JOIN documents d ON d.id = cd.document_id
		JOIN candidates c ON c.id = cd.candidate_id
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL AND ($2::bigint = 0 OR c.id = $2)
		  AND d.superseded_at IS NULL`, proposalID, candidateID)
	if err != nil {
		return nil, fmt.Errorf("select verification documents: %w", err)
	}
	index := make(map[int64]int, len(rows))
	for i := range rows {
		index[rows[i].ID] = i
		rows[i].Documents = map[string]Document{}
	}
	for _, d := range docs {
		if i, ok := index[d.CandidateID]; ok {
			rows[i].Documents[d.Kind] = d.Document
		}
	}
	return rows, nil
}

// CandidateDecisions returns the decisions of a proposal's live candidates, for domain.CheckSendable.
func (s *Store) CandidateDecisions(ctx context.Context, proposalID int64) ([]domain.Decision, error) {
	var out []domain.Decision
	err := s.DB.SelectContext(ctx, &out, `
		SELECT decision FROM candidates WHERE proposal_id = $1 AND removed_at IS NULL ORDER BY id`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("select candidate decisions: %w", err)
	}
	return out, nil
}

// DecisionRequest is BKD's accept or reject of one candidate read at Version.
type DecisionRequest struct {
	ProposalID  int64
	CandidateID int64
	Version     int
	Actor       Actor
	Decision    domain.Decision
	Reason      string
}

// DecideCandidate records BKD's decision on one live candidate in one transaction: it checks the
// actor is BKD, a rejection has a reason, and the proposal is in BKD's hands (submitted or returned
// to BKD), else it returns the domain error. A stale Version returns a *ConflictError naming who
// changed the candidate. It sets the decision, its reason (empty for an accept), decided_by and
// decided_at, and adds an "accept" or "reject" line to the timeline. The superadmin's correction
// stays.
func (s *Store) DecideCandidate(ctx context.Context, req DecisionRequest) error {
	if req.Actor.Role != domain.RoleBKD {
		return domain.ErrWrongRole
	}
	action := actionAccept
	reason := ""
	switch req.Decision {
	case domain.DecisionAccepted:
	case domain.DecisionRejected:
		action = actionReject
		reason = req.Reason
		if strings.TrimSpace(reason) == "" {
			return domain.ErrReasonRequired
		}
	default:
		return fmt.Errorf("decide candidate: invalid decision %q", req.Decision)
	}

	return s.InTx(ctx, func(tx *sqlx.Tx) error {
		// A share lock lets BKD users decide different rows at once, but waits for (and makes
		// wait) a transition, which locks the proposal for update: no decision slips in after
		// the proposal was sent.
		var status domain.Status
		err := tx.GetContext(ctx, &status, `
			SELECT status FROM proposals WHERE id = $1 AND kind = 'admission' FOR SHARE`, req.ProposalID)
		if err != nil {
			return notFound(err, "lock proposal for decision")
		}
		if !status.DecidableByBKD() {
			return domain.ErrWrongStatus
		}

		var version int
		err = tx.GetContext(ctx, &version, `
			UPDATE candidates
			SET decision = $4, decision_reason = $5, decided_by = $6, decided_at = now(),
			    version = version + 1, updated_at = now()
			WHERE id = $1 AND proposal_id = $2 AND removed_at IS NULL AND version = $3
			RETURNING version`,
			req.CandidateID, req.ProposalID, req.Version, req.Decision, reason, req.Actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return candidateConflict(ctx, tx, req.ProposalID, req.CandidateID)
		}
		if err != nil {
			return fmt.Errorf("update candidate decision: %w", err)
		}
		return InsertEvent(ctx, tx, req.ProposalID, req.CandidateID, req.Actor.ID, action, status, status, reason)
	})
}

// candidateConflict returns why a versioned update of a candidate matched no row. It is
// ErrNotFound when the candidate is not a live one of the proposal. Otherwise it is a
// *ConflictError naming the BKD user whose decision is the latest change, or "pengguna lain"
// (another user) when the latest change was not a decision, because candidates do not record
// who edited them.
func candidateConflict(ctx context.Context, q sqlx.QueryerContext, proposalID, candidateID int64) error {
	var c struct {
		Decider   string     `db:"decider"`
		DecidedAt *time.Time `db:"decided_at"`
		UpdatedAt time.Time  `db:"updated_at"`
	}
	err := sqlx.GetContext(ctx, q, &c, `
		SELECT coalesce(nullif(u.full_name, ''), u.username, '') AS decider, c.decided_at, c.updated_at
		FROM candidates c LEFT JOIN users u ON u.id = c.decided_by
		WHERE c.id = $1 AND c.proposal_id = $2 AND c.removed_at IS NULL`, candidateID, proposalID)
	if err != nil {
		return notFound(err, "select candidate conflict")
	}
	// A decision sets decided_at and updated_at to the same transaction time.
	if c.DecidedAt != nil && c.Decider != "" && !c.DecidedAt.Before(c.UpdatedAt) {
		return &ConflictError{By: c.Decider, At: *c.DecidedAt}
	}
	return &ConflictError{By: "pengguna lain", At: c.UpdatedAt}
}
