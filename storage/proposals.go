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

// Proposal is a batch of candidates an agency sends to BKD under one recommendation letter.
type Proposal struct {
	ID                   int64         `db:"id"`
	Kind                 string        `db:"kind"`
	AgencyID             int64         `db:"agency_id"`
	AgencyName           string        `db:"agency_name"`
	RecommendationID     int64         `db:"recommendation_id"`
	RecommendationNumber string        `db:"recommendation_number"`
	Status               domain.Status `db:"status"`
	Version              int           `db:"version"`
	LastReason           string        `db:"last_reason"`
	CreatedBy            int64         `db:"created_by"`
	CreatedAt            time.Time     `db:"created_at"`
	UpdatedAt            time.Time     `db:"updated_at"`
}

const proposalColumns = `p.id, p.kind, p.agency_id, a.name AS agency_name, p.recommendation_id,
	r.number AS recommendation_number, p.status, p.version, p.last_reason, p.created_by, p.created_at, p.updated_at`

const proposalFrom = ` FROM proposals p JOIN agencies a ON a.id = p.agency_id JOIN recommendations r ON r.id = p.recommendation_id`

// Proposal returns a proposal by id.
func (s *Store) Proposal(ctx context.Context, id int64) (Proposal, error) {
	var p Proposal
	err := s.DB.GetContext(ctx, &p, `SELECT `+proposalColumns+proposalFrom+` WHERE p.id = $1`, id)
	if err != nil {
		return Proposal{}, notFound(err, "select proposal")
	}
	return p, nil
}

// ProposalEvent is one line of a proposal's timeline.
type ProposalEvent struct {
	ID            int64         `db:"id"`
	CandidateID   sql.NullInt64 `db:"candidate_id"`
	CandidateName string        `db:"candidate_name"`
	ActorName     string        `db:"actor_name"`
	ActorRole     domain.Role   `db:"actor_role"`
	Action        domain.Action `db:"action"`
	FromStatus    domain.Status `db:"from_status"`
	ToStatus      domain.Status `db:"to_status"`
	Reason        string        `db:"reason"`
	CreatedAt     time.Time     `db:"created_at"`
}

// ProposalEvents returns a proposal's timeline, oldest first.
func (s *Store) ProposalEvents(ctx context.Context, proposalID int64) ([]ProposalEvent, error) {
	var out []ProposalEvent
	err := s.DB.SelectContext(ctx, &out, `
		SELECT e.id, e.candidate_id, coalesce(c.full_name, '') AS candidate_name,
		       coalesce(nullif(u.full_name, ''), u.username) AS actor_name, u.role AS actor_role,
		       e.action, e.from_status, e.to_status, e.reason, e.created_at
		FROM proposal_events e JOIN users u ON u.id = e.actor_id LEFT JOIN candidates c ON c.id = e.candidate_id
		WHERE e.proposal_id = $1 ORDER BY e.id`, proposalID)
	if err != nil {
		return nil, fmt.Errorf("select proposal events: %w", err)
	}
	return out, nil
}

// InsertEvent records a timeline line inside tx. candidateID is 0 for proposal-wide events.
func InsertEvent(ctx context.Context, tx *sqlx.Tx, proposalID, candidateID, actorID int64, action domain.Action,
	from, to domain.Status, reason string) error {
	var candidate sql.NullInt64
	if candidateID != 0 {
		candidate = sql.NullInt64{Int64: candidateID, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO proposal_events (proposal_id, candidate_id, actor_id, action, from_status, to_status, reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, proposalID, candidate, actorID, action, from, to, reason)
	if err != nil {
		return fmt.Errorf("insert proposal event: %w", err)
	}
	return nil
}

// ConflictError names who changed a record since the caller read it. It matches ErrConflict.
type ConflictError struct {
	By string
	At time.Time
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("changed by %s at %s", e.By, e.At.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// Message returns the Indonesian sentence shown to the user who lost the race.
func (e *ConflictError) Message() string {
	return fmt.Sprintf("Data ini baru saja diubah oleh %s pada %s. Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi bila masih perlu.",
		e.By, domain.FormatTimestamp(e.At))
}

// proposalConflict builds the ConflictError for a proposal from its latest timeline line.
func proposalConflict(ctx context.Context, q sqlx.QueryerContext, proposalID int64) error {
	var c struct {
		By string    `db:"by"`
		At time.Time `db:"at"`
	}
	err := sqlx.GetContext(ctx, q, &c, `
		SELECT coalesce(nullif(u.full_name, ''), u.username) AS by, e.created_at AS at
		FROM proposal_events e JOIN users u ON u.id = e.actor_id
		WHERE e.proposal_id = $1 ORDER BY e.id DESC LIMIT 1`, proposalID)
	if errors.Is(err, sql.ErrNoRows) {
		return &ConflictError{By: "pengguna lain", At: time.Now()}
	}
	if err != nil {
		return fmt.Errorf("select last proposal event: %w", err)
	}
	return &ConflictError{By: c.By, At: c.At}
}

// Actor is who performs a change.
type Actor struct {
	ID   int64
	Role domain.Role
}

// TransitionRequest is a workflow step on a proposal read at Version.
type TransitionRequest struct {
	ProposalID int64
	Version    int
	Actor      Actor
	Action     domain.Action
	Reason     string
}

// TransitionHook runs inside the transition's transaction with the proposal locked, before its
// status changes; an error from it cancels the transition. Submit uses it for the completeness
// check, approval for creating the employees.
type TransitionHook func(ctx context.Context, tx *sqlx.Tx, p Proposal) error

// TransitionProposal moves a proposal along the workflow in one transaction: it locks the row,
// checks the version the caller read (a stale one returns a *ConflictError naming who changed it),
// checks role, source status and reason, and for sending to the superadmin that every candidate
// is decided and the quota holds; then runs hook, updates the status and records the event.
// Errors from domain rules are returned as they are, so handlers can show their text.
func (s *Store) TransitionProposal(ctx context.Context, req TransitionRequest, hook TransitionHook) (Proposal, error) {
	var out Proposal
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		out, err = s.TransitionProposalInTx(ctx, tx, req, hook)
		return err
	})
	return out, err
}

// TransitionProposalInTx is TransitionProposal inside the caller's transaction, for callers that
// must commit the step together with other rows.
func (s *Store) TransitionProposalInTx(ctx context.Context, tx *sqlx.Tx, req TransitionRequest, hook TransitionHook) (Proposal, error) {
	var p Proposal
	err := tx.GetContext(ctx, &p, `SELECT `+proposalColumns+proposalFrom+` WHERE p.id = $1 FOR UPDATE OF p`, req.ProposalID)
	if err != nil {
		return Proposal{}, notFound(err, "lock proposal")
	}
	if p.Version != req.Version {
		return Proposal{}, proposalConflict(ctx, tx, p.ID)
	}
	to, err := domain.Transition(req.Actor.Role, p.Status, req.Action, req.Reason)
	if err != nil {
		return Proposal{}, err
	}
	if req.Action == domain.ActionSendToSuperadmin || req.Action == domain.ActionResend {
		if err := s.checkSendable(ctx, tx, p); err != nil {
			return Proposal{}, err
		}
	}
	if hook != nil {
		if err := hook(ctx, tx, p); err != nil {
			return Proposal{}, err
		}
	}
	err = tx.GetContext(ctx, &p.Version, `
		UPDATE proposals SET status = $2, version = version + 1, last_reason = $3, updated_at = now()
		WHERE id = $1 RETURNING version`, p.ID, to, req.Reason)
	if err != nil {
		return Proposal{}, fmt.Errorf("update proposal status: %w", err)
	}
	if err := InsertEvent(ctx, tx, p.ID, 0, req.Actor.ID, req.Action, p.Status, to, req.Reason); err != nil {
		return Proposal{}, err
	}
	p.Status = to
	p.LastReason = req.Reason
	return p, nil
}

func (s *Store) checkSendable(ctx context.Context, tx *sqlx.Tx, p Proposal) error {
	var decisions []domain.Decision
	err := tx.SelectContext(ctx, &decisions, `
		SELECT decision FROM candidates WHERE proposal_id = $1 AND removed_at IS NULL`, p.ID)
	if err != nil {
		return fmt.Errorf("select candidate decisions: %w", err)
	}
	quota, err := ProposalQuota(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	return domain.CheckSendable(decisions, quota)
}

// ProposalQuota returns the quota check of a proposal's letter: the letter's quota, employees
// admitted under it by other proposals, and this proposal's candidates that are neither removed
// nor rejected. Once the proposal is approved its candidates are employees too, so they are
// counted once, as candidates. OtherOpen counts live candidates of the letter's other proposals
// that are with BKD or the superadmin, for information.
func ProposalQuota(ctx context.Context, q sqlx.QueryerContext, proposalID int64) (domain.Quota, error) {
	var quota domain.Quota
	err := q.QueryRowxContext(ctx, `
		SELECT r.quota,
		       (SELECT count(*) FROM employees e
		        WHERE e.recommendation_id = r.id
		          AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = e.candidate_id AND c.proposal_id = p.id)),
		       (SELECT count(*) FROM candidates c WHERE c.proposal_id = p.id AND c.removed_at IS NULL AND c.decision <> 'rejected'),
		       (SELECT count(*) FROM candidates c JOIN proposals o ON o.id = c.proposal_id
		        WHERE o.recommendation_id = r.id AND o.id <> p.id AND o.status NOT IN ('draft', 'done')
		          AND c.removed_at IS NULL AND c.decision <> 'rejected')
		FROM proposals p JOIN recommendations r ON r.id = p.recommendation_id
		WHERE p.id = $1`, proposalID).Scan(&quota.Total, &quota.Admitted, &quota.Proposed, &quota.OtherOpen)
	if err != nil {
		return domain.Quota{}, notFound(err, "select proposal quota")
	}
	return quota, nil
}

// CreateProposal starts a draft proposal of an agency under a letter and records its creation.
// The letter must be addressed to the agency, else ErrNotFound.
func (s *Store) CreateProposal(ctx context.Context, agencyID, recommendationID, actorID int64) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = InsertProposal(ctx, tx, agencyID, recommendationID, actorID)
		return err
	})
	return id, err
}

// InsertProposal is CreateProposal inside the caller's transaction.
func InsertProposal(ctx context.Context, tx *sqlx.Tx, agencyID, recommendationID, actorID int64) (int64, error) {
	var id int64
	err := tx.QueryRowxContext(ctx, `
		INSERT INTO proposals (agency_id, recommendation_id, created_by)
		SELECT $1, r.id, $3 FROM recommendations r WHERE r.id = $2 AND r.agency_id = $1
		RETURNING id`, agencyID, recommendationID, actorID).Scan(&id)
	if err != nil {
		return 0, notFound(err, "insert proposal")
	}
	if err := InsertEvent(ctx, tx, id, 0, actorID, "create", domain.StatusDraft, domain.StatusDraft, ""); err != nil {
		return 0, err
	}
	return id, nil
}
