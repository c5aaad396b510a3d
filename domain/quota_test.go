package domain

import (
	"errors"
	"testing"
)

func TestQuota(t *testing.T) {
	tests := []struct {
		name          string
		quota         Quota
		wantUsed      int
		wantRemaining int
		wantOver      bool
	}{
		{"empty letter", Quota{Total: 6}, 0, 6, false},
		{"some proposed", Quota{Total: 6, Proposed: 3}, 3, 3, false},
		{"admitted and proposed", Quota{Total: 6, Admitted: 2, Proposed: 3}, 5, 1, false},
		{"exactly full", Quota{Total: 6, Admitted: 2, Proposed: 4}, 6, 0, false},
		{"one over", Quota{Total: 6, Admitted: 2, Proposed: 5}, 7, -1, true},
		{"all admitted already", Quota{Total: 4, Admitted: 4, Proposed: 1}, 5, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.quota.Used(); got != tt.wantUsed {
				t.Errorf("Used = %d, want %d", got, tt.wantUsed)
			}
			if got := tt.quota.Remaining(); got != tt.wantRemaining {
				t.Errorf("Remaining = %d, want %d", got, tt.wantRemaining)
			}
			if got := tt.quota.Over(); got != tt.wantOver {
				t.Errorf("Over = %v, want %v", got, tt.wantOver)
			}
		})
	}
}

func TestCheckSendableRules(t *testing.T) {
	fits := Quota{Total: 3, Proposed: 2}
	tests := []struct {
		name      string
		decisions []Decision
		quota     Quota
		want      error
	}{
		{"all decided within quota", []Decision{DecisionAccepted, DecisionRejected}, fits, nil},
		{"no candidates", nil, fits, ErrNoCandidates},
		{"one pending", []Decision{DecisionAccepted, DecisionPending}, fits, ErrUndecided},
		{"over quota", []Decision{DecisionAccepted, DecisionAccepted}, Quota{Total: 1, Proposed: 2}, ErrOverQuota},
		{"pending reported before quota", []Decision{DecisionPending}, Quota{Total: 0, Proposed: 1}, ErrUndecided},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckSendable(tt.decisions, tt.quota); !errors.Is(err, tt.want) {
				t.Errorf("CheckSendable = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCheckEducationAdvice(t *testing.T) {
	d3 := EducationLevel{ID: 6, Code: "D3", Rank: 60}
	s1 := EducationLevel{ID: 8, Code: "S1", Rank: 71}
	sma := EducationLevel{ID: 3, Code: "SMA", Rank: 30}
	reqs := []Requirement{
		{PositionID: 1, MinLevel: d3, Major: "Keperawatan / Kebidanan"},
		{PositionID: 2, MinLevel: sma},
	}
	tests := []struct {
		name     string
		position int64
		level    EducationLevel
		major    string
		wantOK   bool
		wantMsg  string
	}{
		{"exact match", 1, d3, "Keperawatan", true, "Sesuai"},
		{"alternative major, other case", 1, d3, "  kebidanan ", true, "Sesuai"},
		{"higher level", 1, s1, "Keperawatan", true, "Sesuai"},
		{"any major", 2, sma, "IPS", true, "Sesuai"},
		{"below minimum", 1, sma, "Keperawatan", false, "Pendidikan di bawah minimal D3"},
		{"wrong major", 1, d3, "Farmasi", false, "Jurusan tidak sesuai (diminta Keperawatan / Kebidanan)"},
		{"position not in letter", 9, d3, "Keperawatan", false, "Jabatan tidak ada dalam surat rekomendasi"},
		{"level not filled", 1, EducationLevel{}, "Keperawatan", false, "Pendidikan sesuai lamaran belum diisi"},
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

func TestFormatRupiah(t *testing.T) {
	tests := []struct {
		name   string
		amount int64
		want   string
	}{
		{"zero", 0, "Rp 0"},
		{"hundreds", 999, "Rp 999"},
		{"thousand", 1000, "Rp 1.000"},
		{"salary", 2_500_000, "Rp 2.500.000"},
		{"ten millions", 12_345_678, "Rp 12.345.678"},
		{"billion", 1_000_000_000, "Rp 1.000.000.000"},
		{"negative", -2_200_000, "-Rp 2.200.000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatRupiah(tt.amount); got != tt.want {
				t.Errorf("FormatRupiah(%d) = %q, want %q", tt.amount, got, tt.want)
			}
		})
	}
}
