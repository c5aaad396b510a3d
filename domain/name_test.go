package domain

import (
	"errors"
	"testing"
)

func TestParsePersonName(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string
		wantErr error
	}{
		{"single word", "Sukarmi", "Sukarmi", nil},
		{"two words", "Rizka Amalia", "Rizka Amalia", nil},
		{"spaces collapsed", "  Rizka   Amalia ", "Rizka Amalia", nil},
		{"apostrophe", "Ma'ruf Hidayat", "Ma'ruf Hidayat", nil},
		{"typographic apostrophe", "Ma’ruf Hidayat", "Ma’ruf Hidayat", nil},
		{"dot and hyphen", "R.A. Siti-Aisyah", "R.A. Siti-Aisyah", nil},
		{"Latin accents", "Andrés Gonçalves", "Andrés Gonçalves", nil},
		{"combining mark", "Rene\u0301", "Rene\u0301", nil},
		{"Arabic script", "محمد", "محمد", nil},
		{"Javanese script with spacing marks", "ꦱꦸꦒꦶꦪꦺꦴ", "ꦱꦸꦒꦶꦪꦺꦴ", nil},
		{"Devanagari with spacing mark", "देवी", "देवी", nil},
		{"mark without letter", "\u0301", "", ErrNameCharacters},
		{"empty", "", "", ErrNameEmpty},
		{"spaces only", "   ", "", ErrNameEmpty},
		{"digits", "Budi 2", "", ErrNameCharacters},
		{"only digits", "12345", "", ErrNameCharacters},
		{"punctuation only", ".-'", "", ErrNameCharacters},
		{"comma", "Budi, S.Kom", "", ErrNameCharacters},
		{"angle bracket", "<b>Budi</b>", "", ErrNameCharacters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePersonName(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParsePersonName(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("ParsePersonName(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestFullNameWithTitles(t *testing.T) {
	tests := []struct {
		name                 string
		prefix, base, suffix string
		want                 string
	}{
		{"no titles", "", "Rizka Amalia", "", "Rizka Amalia"},
		{"prefix", "dr.", "Siti Aminah", "", "dr. Siti Aminah"},
		{"suffix", "", "Dewi Anggraeni Putri", "A.Md.Kep", "Dewi Anggraeni Putri, A.Md.Kep"},
		{"both", "Ns.", "Muhammad Fajar", "S.Kep", "Ns. Muhammad Fajar, S.Kep"},
		{"blank titles ignored", "  ", "Sukarmi", " ", "Sukarmi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FullNameWithTitles(tt.prefix, tt.base, tt.suffix); got != tt.want {
				t.Errorf("FullNameWithTitles = %q, want %q", got, tt.want)
			}
		})
	}
}
