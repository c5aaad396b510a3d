package domain

import (
	"errors"
	"fmt"
)

// Role is a user's set of permissions: superadmin, BKD admin, agency admin or employee.
type Role string

// The four roles.
const (
	RoleSuperadmin Role = "superadmin"
	RoleBKD        Role = "bkd"
	RoleOPD        Role = "opd"
	RoleEmployee   Role = "pegawai"
)

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	switch r {
	case RoleSuperadmin, RoleBKD, RoleOPD, RoleEmployee:
		return true
	}
	return false
}

// Label returns the Indonesian name of the role.
func (r Role) Label() string {
	switch r {
	case RoleSuperadmin:
		return "Superadmin"
	case RoleBKD:
		return "Admin BKD"
	case RoleOPD:
		return "Admin OPD"
	case RoleEmployee:
		return "Pegawai"
	}
	return string(r)
}

// Status is a proposal's place in the workflow.
type Status string

// Proposal statuses.
const (
	StatusDraft         Status = "draft"
	StatusSubmitted     Status = "submitted"
	StatusReturnedToOPD Status = "returned_to_opd"
	StatusInFinalReview Status = "in_final_review"
	StatusReturnedToBKD Status = "returned_to_bkd"
	StatusDone          Status = "done"
)

// Label returns the Indonesian name of the status.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "Draf"
	case StatusSubmitted:
		return "Diajukan ke BKD"
	case StatusReturnedToOPD:
		return "Dikembalikan ke OPD"
	case StatusInFinalReview:
		return "Verifikasi superadmin"
	case StatusReturnedToBKD:
		return "Dikembalikan ke BKD"
	case StatusDone:
		return "Selesai"
	}
	return string(s)
}

// EditableByAgency reports whether the agency may add, edit or remove candidates.
func (s Status) EditableByAgency() bool {
	return s == StatusDraft || s == StatusReturnedToOPD
}

// DecidableByBKD reports whether BKD may accept or reject candidates.
func (s Status) DecidableByBKD() bool {
	return s == StatusSubmitted || s == StatusReturnedToBKD
}

// Open reports whether the proposal still holds its candidates' NIKs.
func (s Status) Open() bool { return s != StatusDone }

// Action is a workflow transition's name, as recorded in the timeline.
type Action string

// Workflow actions.
const (
	ActionSubmit           Action = "submit"
	ActionReturnToOPD      Action = "return_to_opd"
	ActionSendToSuperadmin Action = "send_to_superadmin"
	ActionReturnToBKD      Action = "return_to_bkd"
	ActionResend           Action = "resend"
	ActionApprove          Action = "approve"
)

// Label returns the Indonesian description of the action for the timeline.
func (a Action) Label() string {
	switch a {
	case ActionSubmit:
		return "Diajukan ke BKD"
	case ActionReturnToOPD:
		return "Dikembalikan ke OPD"
	case ActionSendToSuperadmin:
		return "Dikirim ke superadmin"
	case ActionReturnToBKD:
		return "Dikembalikan ke BKD untuk koreksi"
	case ActionResend:
		return "Dikirim ulang ke superadmin"
	case ActionApprove:
		return "Disetujui superadmin"
	case "create":
		return "Usulan dibuat"
	case "accept":
		return "Calon diterima BKD"
	case "reject":
		return "Calon ditolak BKD"
	case ActionAddCandidate:
		return "Calon ditambahkan"
	case ActionUpdateCandidate:
		return "Data calon diperbarui"
	case ActionRemoveCandidate:
		return "Calon dihapus dari usulan"
	}
	return string(a)
}

type transition struct {
	role   Role
	from   []Status
	to     Status
	reason bool // whether a reason is required
}

var transitions = map[Action]transition{
	ActionSubmit:           {RoleOPD, []Status{StatusDraft, StatusReturnedToOPD}, StatusSubmitted, false},
	ActionReturnToOPD:      {RoleBKD, []Status{StatusSubmitted, StatusReturnedToBKD}, StatusReturnedToOPD, true},
	ActionSendToSuperadmin: {RoleBKD, []Status{StatusSubmitted}, StatusInFinalReview, false},
	ActionReturnToBKD:      {RoleSuperadmin, []Status{StatusInFinalReview}, StatusReturnedToBKD, true},
	ActionResend:           {RoleBKD, []Status{StatusReturnedToBKD}, StatusInFinalReview, false},
	ActionApprove:          {RoleSuperadmin, []Status{StatusInFinalReview}, StatusDone, false},
}

// Errors returned by Transition. Their text is Indonesian so handlers can show it.
var (
	ErrUnknownAction  = errors.New("tindakan tidak dikenal")
	ErrWrongRole      = errors.New("peran Anda tidak boleh melakukan tindakan ini")
	ErrWrongStatus    = errors.New("tindakan ini tidak bisa dilakukan pada status usulan sekarang")
	ErrReasonRequired = errors.New("alasan wajib diisi")
	ErrUndecided      = errors.New("masih ada calon yang belum diputuskan diterima atau ditolak")
	ErrOverQuota      = errors.New("jumlah calon melebihi sisa kuota surat rekomendasi")
	ErrNoCandidates   = errors.New("usulan belum berisi calon pegawai")
)

// Transition returns the status an action leads to when role takes it from status from, or the
// reason it is not allowed. It checks role, source status and the presence of a reason only;
// conditions that need the candidates (all decided, quota) are checked by CheckSendable.
func Transition(role Role, from Status, action Action, reason string) (Status, error) {
	t, ok := transitions[action]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrUnknownAction, action)
	}
	if role != t.role {
		return "", ErrWrongRole
	}
	allowed := false
	for _, s := range t.from {
		if s == from {
			allowed = true
		}
	}
	if !allowed {
		return "", ErrWrongStatus
	}
	if t.reason && trimmedEmpty(reason) {
		return "", ErrReasonRequired
	}
	return t.to, nil
}

// Actions returns the actions role may take from status, in a stable order, for showing buttons.
func Actions(role Role, from Status) []Action {
	var out []Action
	for _, a := range []Action{ActionSubmit, ActionReturnToOPD, ActionSendToSuperadmin, ActionReturnToBKD, ActionResend, ActionApprove} {
		if _, err := Transition(role, from, a, "x"); err == nil {
			out = append(out, a)
		}
	}
	return out
}

func trimmedEmpty(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
