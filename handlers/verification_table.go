package handlers

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
)

// workflowMaxReason is the longest reason or correction accepted, in characters.
const workflowMaxReason = 1000

// workflowDocument is one of a candidate's six document places in the verification and review tables.
type workflowDocument struct {
	Kind  string
	Label string
	// DocumentID is the current version's id, 0 when nothing is uploaded.
	DocumentID int64
	// NotNeeded marks the spouse photo of a candidate who is not married.
	NotNeeded bool
}

// workflowRow is one line of the verification and review tables, with what a refused post on
// that line left to show.
type workflowRow struct {
	storage.VerificationCandidate
	Name      string
	Education domain.EducationCheck
	Documents []workflowDocument
	// Decidable is true when BKD may accept or reject the candidate now.
	Decidable bool
	// Reason is the text of the reject field: as typed after a refused post, else the current
	// rejection reason.
	Reason      string
	ReasonError string
	// Message explains why a post on this row was refused.
	Message    string
	RejectOpen bool
	// Correction is the superadmin's typed correction, kept when the return form is refused.
	Correction      string
	CorrectionError string
}

func newWorkflowRow(c storage.VerificationCandidate, reqs []domain.Requirement, decidable bool) workflowRow {
	row := workflowRow{
		VerificationCandidate: c,
		Name:                  domain.FullNameWithTitles(c.TitlePrefix, c.FullName, c.TitleSuffix),
		Education:             domain.CheckEducation(c.PositionID.Int64, c.AppliedLevel(), c.AppliedMajor, reqs),
		Decidable:             decidable,
	}
	if c.Decision == domain.DecisionRejected {
		row.Reason = c.DecisionReason
	}
	for _, kind := range storage.CandidateDocumentKinds {
		slot := workflowDocument{Kind: kind, Label: storage.DocumentLabel(kind)}
		if d, ok := c.Documents[kind]; ok {
			slot.DocumentID = d.ID
		} else if kind == storage.DocSpousePhoto && c.MaritalStatus != domain.MaritalMarried {
			slot.NotNeeded = true
		}
		row.Documents = append(row.Documents, slot)
	}
	return row
}

// workflowTable is the data the verification and review pages share: the proposal, its
// letter's requirements and quota, one row per live candidate, and the timeline.
type workflowTable struct {
	Proposal     storage.Proposal
	Requirements []storage.Requirement
	Quota        domain.Quota
	Rows         []workflowRow
	Events       []storage.ProposalEvent
}

// workflowProposal returns an admission proposal that the agency has submitted at least once.
// Drafts and removal proposals do not belong on these pages, so they are 404.
func (a *App) workflowProposal(ctx context.Context, id int64) (storage.Proposal, error) {
	p, err := a.Store.Proposal(ctx, id)
	if err != nil {
		return storage.Proposal{}, err
	}
	if p.Kind != "admission" || p.Status == domain.StatusDraft {
		return storage.Proposal{}, errNotFound()
	}
	return p, nil
}

// loadWorkflowTable reads everything the table pages show with a fixed number of queries,
// whatever the number of candidates. decidable reports whether rows get BKD's actions.
func (a *App) loadWorkflowTable(ctx context.Context, id int64, decidable func(domain.Status) bool) (workflowTable, error) {
	p, err := a.workflowProposal(ctx, id)
	if err != nil {
		return workflowTable{}, err
	}
	quota, err := storage.ProposalQuota(ctx, a.Store.DB, id)
	if err != nil {
		return workflowTable{}, err
	}
	reqs, err := a.Store.Requirements(ctx, p.RecommendationID)
	if err != nil {
		return workflowTable{}, err
	}
	candidates, err := a.Store.VerificationRows(ctx, id, 0)
	if err != nil {
		return workflowTable{}, err
	}
	events, err := a.Store.ProposalEvents(ctx, id)
	if err != nil {
		return workflowTable{}, err
	}

	table := workflowTable{Proposal: p, Requirements: reqs, Quota: quota, Events: events}
	domainReqs := storage.DomainRequirements(reqs)
	for _, c := range candidates {
		table.Rows = append(table.Rows, newWorkflowRow(c, domainReqs, decidable(p.Status)))
	}
	return table, nil
}

// Decisions returns the decision of every row, for domain.CheckSendable.
func (t workflowTable) Decisions() []domain.Decision {
	out := make([]domain.Decision, len(t.Rows))
	for i, r := range t.Rows {
		out[i] = r.Decision
	}
	return out
}

// row returns a pointer to the row of candidate id, or nil when the table has none.
func (t *workflowTable) row(id int64) *workflowRow {
	for i := range t.Rows {
		if t.Rows[i].ID == id {
			return &t.Rows[i]
		}
	}
	return nil
}

// workflowParamID reads a positive id from the path; anything else is a page that does not exist.
func workflowParamID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound()
	}
	return id, nil
}

// workflowVersion reads the version field a workflow form carries.
func workflowVersion(c *gin.Context) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(c.PostForm("version")))
	if err != nil {
		return 0, errBadRequest("Formulir tidak lengkap (versi data tidak ada). Muat ulang halaman lalu ulangi.")
	}
	return v, nil
}

// workflowReasonTooLong returns the message for a reason over workflowMaxReason, or "".
func workflowReasonTooLong(reason string) string {
	if utf8.RuneCountInString(reason) > workflowMaxReason {
		return "Alasan paling banyak " + strconv.Itoa(workflowMaxReason) + " karakter."
	}
	return ""
}

// workflowRefusal sorts an error from a workflow step: the status and Indonesian message for a
// refusal the user can act on (a domain rule, a stale version, an incomplete candidate), or
// ok false for an error the adapter should handle.
func workflowRefusal(err error) (status int, message string, ok bool) {
	var conflict *storage.ConflictError
	var incomplete *storage.ApprovalIncompleteError
	switch {
	case errors.As(err, &conflict):
		return http.StatusConflict, conflict.Message(), true
	case errors.As(err, &incomplete):
		return http.StatusUnprocessableEntity, incomplete.Message(), true
	}
	for _, rule := range []error{domain.ErrUnknownAction, domain.ErrWrongRole, domain.ErrWrongStatus,
		domain.ErrReasonRequired, domain.ErrUndecided, domain.ErrOverQuota, domain.ErrNoCandidates} {
		if errors.Is(err, rule) {
			return http.StatusUnprocessableEntity, workflowSentence(rule.Error()), true
		}
	}
	return 0, "", false
}

// workflowSentence starts text with a capital letter and ends it with a full stop, for showing the
// domain's lowercase error texts on their own.
func workflowSentence(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	if size == 0 {
		return text
	}
	text = string(unicode.ToUpper(r)) + text[size:]
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text
}
