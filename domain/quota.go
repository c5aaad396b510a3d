package domain

import (
	"fmt"
	"strings"
)

// Decision is BKD's verdict on one candidate.
type Decision string

// Candidate decisions.
const (
	DecisionPending  Decision = "pending"
	DecisionAccepted Decision = "accepted"
	DecisionRejected Decision = "rejected"
)

// Label returns the Indonesian word for the decision.
func (d Decision) Label() string {
	switch d {
	case DecisionAccepted:
		return "Diterima"
	case DecisionRejected:
		return "Ditolak"
	}
	return "Belum diputuskan"
}

// Quota is a recommendation letter's count check for one proposal: the letter's quota, people
// already admitted under the letter, and this proposal's candidates that are not rejected.
type Quota struct {
	Total    int
	Admitted int
	Proposed int
	// OtherOpen counts live candidates of the letter's other proposals still in verification. It
	// is shown to BKD as information and is not part of Used, because the check is per proposal
	// and the approval that comes first takes the places.
	OtherOpen int
}

// Used returns the places taken by admitted employees and this proposal's live candidates.
func (q Quota) Used() int { return q.Admitted + q.Proposed }

// Remaining returns the places left after this proposal; it is negative when over quota.
func (q Quota) Remaining() int { return q.Total - q.Used() }

// Over reports whether the proposal does not fit in the letter's quota.
func (q Quota) Over() bool { return q.Remaining() < 0 }

// CheckSendable returns why BKD cannot send a proposal to the superadmin, or nil when it can: it
// needs candidates, every one decided, and the quota held.
func CheckSendable(decisions []Decision, q Quota) error {
	if len(decisions) == 0 {
		return ErrNoCandidates
	}
	for _, d := range decisions {
		if d == DecisionPending {
			return ErrUndecided
		}
	}
	if q.Over() {
		return ErrOverQuota
	}
	return nil
}

// EducationLevel is a level from the reference table with its rank, higher meaning more.
type EducationLevel struct {
	ID   int64
	Code string
	Rank int
}

// Requirement is one line of a recommendation letter: a position, the minimum education level and
// the major it asks for (empty for any major).
type Requirement struct {
	PositionID int64
	MinLevel   EducationLevel
	Major      string
}

// EducationCheck is the result of comparing a candidate's education with the letter.
type EducationCheck struct {
	OK      bool
	Message string
}

// CheckEducation compares the education a candidate applied with against the letter's requirement
// for the candidate's position. The result is advice shown to BKD, who makes the decision.
func CheckEducation(positionID int64, level EducationLevel, major string, reqs []Requirement) EducationCheck {
	var forPosition []Requirement
	for _, r := range reqs {
		if r.PositionID == positionID {
			forPosition = append(forPosition, r)
		}
	}
	if len(forPosition) == 0 {
		return EducationCheck{Message: "Jabatan tidak ada dalam surat rekomendasi"}
	}
	if level.ID == 0 {
		return EducationCheck{Message: "Pendidikan sesuai lamaran belum diisi"}
	}
	var last string
	for _, r := range forPosition {
		if level.Rank < r.MinLevel.Rank {
			last = fmt.Sprintf("Pendidikan di bawah minimal %s", r.MinLevel.Code)
			continue
		}
		if r.Major != "" && !sameMajor(major, r.Major) {
			last = fmt.Sprintf("Jurusan tidak sesuai (diminta %s)", r.Major)
			continue
		}
		return EducationCheck{OK: true, Message: "Sesuai"}
	}
	return EducationCheck{Message: last}
}

// sameMajor matches majors ignoring case and extra spaces; a requirement may list alternatives
// separated by "/" or ",", as letters often do ("Keperawatan / Kebidanan").
func sameMajor(have, want string) bool {
	h := normaliseMajor(have)
	if h == "" {
		return false
	}
	for _, alt := range strings.FieldsFunc(want, func(r rune) bool { return r == '/' || r == ',' }) {
		if normaliseMajor(alt) == h {
			return true
		}
	}
	return false
}

func normaliseMajor(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// FormatRupiah writes an amount of rupiah with dots between thousands: "Rp 2.500.000".
func FormatRupiah(amount int64) string {
	neg := amount < 0
	if neg {
		amount = -amount
	}
	digits := fmt.Sprint(amount)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-Rp " + b.String()
	}
	return "Rp " + b.String()
}
