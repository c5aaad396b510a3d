package domain

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

var (
	allRoles    = []Role{RoleSuperadmin, RoleBKD, RoleOPD, RoleEmployee}
	allStatuses = []Status{StatusDraft, StatusSubmitted, StatusReturnedToOPD, StatusInFinalReview, StatusReturnedToBKD, StatusDone}
	allActions  = []Action{ActionSubmit, ActionReturnToOPD, ActionSendToSuperadmin, ActionReturnToBKD, ActionResend, ActionApprove}
)

// workflowStep is one allowed edge of the proposal workflow, written out from the design's
// diagram rather than read from the table under test.
type workflowStep struct {
	role   Role
	from   Status
	action Action
}

var allowedSteps = map[workflowStep]Status{
	{RoleOPD, StatusDraft, ActionSubmit}:                     StatusSubmitted,
	{RoleOPD, StatusReturnedToOPD, ActionSubmit}:             StatusSubmitted,
	{RoleBKD, StatusSubmitted, ActionReturnToOPD}:            StatusReturnedToOPD,
	{RoleBKD, StatusReturnedToBKD, ActionReturnToOPD}:        StatusReturnedToOPD,
	{RoleBKD, StatusSubmitted, ActionSendToSuperadmin}:       StatusInFinalReview,
	{RoleSuperadmin, StatusInFinalReview, ActionReturnToBKD}: StatusReturnedToBKD,
	{RoleBKD, StatusReturnedToBKD, ActionResend}:             StatusInFinalReview,
	{RoleSuperadmin, StatusInFinalReview, ActionApprove}:     StatusDone,
}

// actionRole is the only role that may take each action.
var actionRole = map[Action]Role{
	ActionSubmit:           RoleOPD,
	ActionReturnToOPD:      RoleBKD,
	ActionSendToSuperadmin: RoleBKD,
	ActionReturnToBKD:      RoleSuperadmin,
	ActionResend:           RoleBKD,
	ActionApprove:          RoleSuperadmin,
}

func TestTransitionEveryRoleStatusAction(t *testing.T) {
	for _, role := range allRoles {
		for _, from := range allStatuses {
			for _, action := range allActions {
				name := fmt.Sprintf("%s/%s/%s", role, from, action)
				t.Run(name, func(t *testing.T) {
					got, err := Transition(role, from, action, "alasan jelas")
					want, allowed := allowedSteps[workflowStep{role, from, action}]
					switch {
					case allowed:
						if err != nil {
							t.Fatalf("Transition error %v, want %s", err, want)
						}
						if got != want {
							t.Errorf("Transition = %s, want %s", got, want)
						}
					case role != actionRole[action]:
						if !errors.Is(err, ErrWrongRole) {
							t.Errorf("Transition error %v, want ErrWrongRole", err)
						}
					default:
						if !errors.Is(err, ErrWrongStatus) {
							t.Errorf("Transition error %v, want ErrWrongStatus", err)
						}
					}
				})
			}
		}
	}
}

func TestTransitionRefusalLeavesNoStatus(t *testing.T) {
	got, err := Transition(RoleOPD, StatusDone, ActionApprove, "")
	if err == nil {
		t.Fatal("approval by an agency was allowed")
	}
	if got != "" {
		t.Errorf("refused Transition returned status %q, want empty", got)
	}
}

func TestTransitionReasonRequired(t *testing.T) {
	tests := []struct {
		name    string
		role    Role
		from    Status
		action  Action
		reason  string
		wantErr error
	}{
		{"return to agency without reason", RoleBKD, StatusSubmitted, ActionReturnToOPD, "", ErrReasonRequired},
		{"return to agency with blanks only", RoleBKD, StatusReturnedToBKD, ActionReturnToOPD, " \t\r\n ", ErrReasonRequired},
		{"return to agency with reason", RoleBKD, StatusSubmitted, ActionReturnToOPD, "Kuota terlampaui", nil},
		{"return to BKD without reason", RoleSuperadmin, StatusInFinalReview, ActionReturnToBKD, "", ErrReasonRequired},
		{"return to BKD with reason", RoleSuperadmin, StatusInFinalReview, ActionReturnToBKD, "Periksa ijazah", nil},
		{"submit needs none", RoleOPD, StatusDraft, ActionSubmit, "", nil},
		{"send needs none", RoleBKD, StatusSubmitted, ActionSendToSuperadmin, "", nil},
		{"resend needs none", RoleBKD, StatusReturnedToBKD, ActionResend, "", nil},
		{"approve needs none", RoleSuperadmin, StatusInFinalReview, ActionApprove, "", nil},
		{"wrong role reported before reason", RoleOPD, StatusSubmitted, ActionReturnToOPD, "", ErrWrongRole},
		{"wrong status reported before reason", RoleBKD, StatusDone, ActionReturnToOPD, "", ErrWrongStatus},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Transition(tt.role, tt.from, tt.action, tt.reason)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Transition error %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestTransitionUnknownAction(t *testing.T) {
	for _, action := range []Action{"", "accept", "reject", "delete", "create"} {
		t.Run(string(action), func(t *testing.T) {
			_, err := Transition(RoleSuperadmin, StatusInFinalReview, action, "alasan")
			if !errors.Is(err, ErrUnknownAction) {
				t.Errorf("Transition(%q) error %v, want ErrUnknownAction", action, err)
			}
		})
	}
}

func TestActionsEveryRoleStatus(t *testing.T) {
	for _, role := range allRoles {
		for _, from := range allStatuses {
			t.Run(fmt.Sprintf("%s/%s", role, from), func(t *testing.T) {
				var want []Action
				for _, action := range allActions {
					if _, ok := allowedSteps[workflowStep{role, from, action}]; ok {
						want = append(want, action)
					}
				}
				if got := Actions(role, from); !slices.Equal(got, want) {
					t.Errorf("Actions = %v, want %v", got, want)
				}
			})
		}
	}
}

func TestDoneIsFinal(t *testing.T) {
	for _, role := range allRoles {
		if got := Actions(role, StatusDone); len(got) != 0 {
			t.Errorf("Actions(%s, done) = %v, want none", role, got)
		}
	}
}

func TestStatusPredicates(t *testing.T) {
	tests := []struct {
		status        Status
		wantEditable  bool
		wantDecidable bool
		wantOpen      bool
	}{
		{StatusDraft, true, false, true},
		{StatusSubmitted, false, true, true},
		{StatusReturnedToOPD, true, false, true},
		{StatusInFinalReview, false, false, true},
		{StatusReturnedToBKD, false, true, true},
		{StatusDone, false, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			if got := tt.status.EditableByAgency(); got != tt.wantEditable {
				t.Errorf("EditableByAgency = %v, want %v", got, tt.wantEditable)
			}
			if got := tt.status.DecidableByBKD(); got != tt.wantDecidable {
				t.Errorf("DecidableByBKD = %v, want %v", got, tt.wantDecidable)
			}
			if got := tt.status.Open(); got != tt.wantOpen {
				t.Errorf("Open = %v, want %v", got, tt.wantOpen)
			}
		})
	}
}

func TestWorkflowLabelsIndonesian(t *testing.T) {
	for _, s := range allStatuses {
		if s.Label() == string(s) {
			t.Errorf("status %s has no Indonesian label", s)
		}
	}
	for _, a := range append(slices.Clone(allActions), "create", "accept", "reject") {
		if a.Label() == string(a) {
			t.Errorf("action %s has no Indonesian label", a)
		}
	}
}

func TestCheckSendableWorkflowCases(t *testing.T) {
	tests := []struct {
		name      string
		decisions []Decision
		quota     Quota
		want      error
	}{
		{"all rejected frees every place", []Decision{DecisionRejected, DecisionRejected}, Quota{Total: 1, Admitted: 1}, nil},
		{"fills the last place", []Decision{DecisionAccepted}, Quota{Total: 3, Admitted: 2, Proposed: 1}, nil},
		{"letter already used up", []Decision{DecisionAccepted}, Quota{Total: 3, Admitted: 3, Proposed: 1}, ErrOverQuota},
		{"empty slice", []Decision{}, Quota{Total: 3}, ErrNoCandidates},
		{"pending among many", []Decision{DecisionAccepted, DecisionRejected, DecisionPending, DecisionAccepted}, Quota{Total: 9, Proposed: 3}, ErrUndecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckSendable(tt.decisions, tt.quota); !errors.Is(err, tt.want) {
				t.Errorf("CheckSendable = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestQuotaRemainingNegativeWhenOver(t *testing.T) {
	q := Quota{Total: 2, Admitted: 1, Proposed: 4}
	if got := q.Remaining(); got != -3 {
		t.Errorf("Remaining = %d, want -3", got)
	}
	if !q.Over() {
		t.Error("Over = false, want true")
	}
}

func TestCheckEducationSeveralLines(t *testing.T) {
	d3 := EducationLevel{ID: 6, Code: "D3", Rank: 60}
	d4 := EducationLevel{ID: 7, Code: "D4", Rank: 70}
	s1 := EducationLevel{ID: 8, Code: "S1", Rank: 71}
	// One position listed twice, as letters do when two majors are wanted at different levels.
	reqs := []Requirement{
		{PositionID: 1, MinLevel: s1, Major: "Ilmu Keperawatan"},
		{PositionID: 1, MinLevel: d3, Major: "Keperawatan, Kebidanan"},
		{PositionID: 2, MinLevel: d4, Major: "Farmasi"},
	}
	tests := []struct {
		name     string
		position int64
		level    EducationLevel
		major    string
		wantOK   bool
		wantMsg  string
	}{
		{"first line matches", 1, s1, "Ilmu Keperawatan", true, "Sesuai"},
		{"second line matches", 1, d3, "Keperawatan", true, "Sesuai"},
		{"comma alternative", 1, d3, "kebidanan", true, "Sesuai"},
		{"no line matches reports last", 1, d3, "Farmasi", false, "Jurusan tidak sesuai (diminta Keperawatan, Kebidanan)"},
		{"empty major against a named one", 2, d4, "", false, "Jurusan tidak sesuai (diminta Farmasi)"},
		{"below the only line", 2, d3, "Farmasi", false, "Pendidikan di bawah minimal D4"},
		{"no position", 0, d3, "Keperawatan", false, "Jabatan tidak ada dalam surat rekomendasi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckEducation(tt.position, tt.level, tt.major, reqs)
			if got.OK != tt.wantOK {
				t.Errorf("OK = %v, want %v", got.OK, tt.wantOK)
			}
			if got.Message != tt.wantMsg {
				t.Errorf("Message = %q, want %q", got.Message, tt.wantMsg)
			}
		})
	}
}

func TestCheckEducationNoRequirements(t *testing.T) {
	got := CheckEducation(1, EducationLevel{ID: 6, Code: "D3", Rank: 60}, "Keperawatan", nil)
	if got.OK {
		t.Error("OK = true for a letter without requirements, want false")
	}
}
