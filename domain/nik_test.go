package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseNIK(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		wantErr error
		want    NIKInfo
	}{
		{"male", "3515010105950001", nil, NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
		{"female day plus 40", "3515014105950002", nil, NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95, Female: true}},
		{"female last day", "3515017112990003", nil, NIKInfo{ProvinceCode: "35", BirthDay: 31, BirthMonth: time.December, BirthYear2: 99, Female: true}},
		{"surrounding spaces", " 3515010105950001\t", nil, NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
		{"15 digits", "351501010595001", ErrNIKLength, NIKInfo{}},
		{"17 digits", "35150101059500011", ErrNIKLength, NIKInfo{}},
		{"letters", "35150101059500AB", ErrNIKLength, NIKInfo{}},
		{"inner space", "3515 01010595001", ErrNIKLength, NIKInfo{}},
		{"empty", "", ErrNIKLength, NIKInfo{}},
		{"province 99", "9915010105950001", ErrNIKProvince, NIKInfo{}},
		{"province 00", "0015010105950001", ErrNIKProvince, NIKInfo{}},
		{"province 20", "2015010105950001", ErrNIKProvince, NIKInfo{}},
		{"Papua Selatan 95", "9501010105950001", nil, NIKInfo{ProvinceCode: "95", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
		{"Papua Tengah 96", "9601010105950001", nil, NIKInfo{ProvinceCode: "96", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
		{"Papua Pegunungan 97", "9701010105950001", nil, NIKInfo{ProvinceCode: "97", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
		{"day 72", "3515017205950001", ErrNIKBirthDate, NIKInfo{}},
		{"day 00", "3515010005950001", ErrNIKBirthDate, NIKInfo{}},
		{"day 40", "3515014005950001", ErrNIKBirthDate, NIKInfo{}},
		{"day 32", "3515013205950001", ErrNIKBirthDate, NIKInfo{}},
		{"month 13", "3515010113950001", ErrNIKBirthDate, NIKInfo{}},
		{"month 00", "3515010100950001", ErrNIKBirthDate, NIKInfo{}},
		{"31 April", "3515013104950001", ErrNIKBirthDate, NIKInfo{}},
		{"29 February leap year 96", "3515012902960001", nil, NIKInfo{ProvinceCode: "35", BirthDay: 29, BirthMonth: time.February, BirthYear2: 96}},
		{"29 February leap year 00", "3515016902000001", nil, NIKInfo{ProvinceCode: "35", BirthDay: 29, BirthMonth: time.February, BirthYear2: 0, Female: true}},
		{"29 February non-leap year 95", "3515012902950001", ErrNIKBirthDate, NIKInfo{}},
		{"30 February", "3515013002960001", ErrNIKBirthDate, NIKInfo{}},
		{"serial 0000", "3515010105950000", ErrNIKSerial, NIKInfo{}},
		{"serial 0001", "3515010105950001", nil, NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nik, info, err := ParseNIK(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseNIK(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if nik != strings.TrimSpace(tt.raw) {
				t.Errorf("nik = %q, want %q", nik, strings.TrimSpace(tt.raw))
			}
			if info != tt.want {
				t.Errorf("info = %+v, want %+v", info, tt.want)
			}
		})
	}
}

func TestParseNIKAllProvinces(t *testing.T) {
	known := []string{"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
		"51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
		"91", "92", "93", "94", "95", "96", "97"}
	for code := 0; code <= 99; code++ {
		prefix := fmt.Sprintf("%02d", code)
		want := slices.Contains(known, prefix)
		_, _, err := ParseNIK(prefix + "15010105950001")
		if got := err == nil; got != want {
			t.Errorf("province %s accepted = %v, want %v (err %v)", prefix, got, want, err)
		}
	}
}

func TestNIKWarnings(t *testing.T) {
	male := NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95}
	female := NIKInfo{ProvinceCode: "35", BirthDay: 1, BirthMonth: time.May, BirthYear2: 95, Female: true}
	tests := []struct {
		name      string
		info      NIKInfo
		birthDate Date
		sex       string
		want      []string // substrings, one per expected warning
	}{
		{"all agree male", male, NewDate(1995, time.May, 1), SexMale, nil},
		{"all agree female", female, NewDate(1995, time.May, 1), SexFemale, nil},
		{"other century agrees", male, NewDate(2095, time.May, 1), SexMale, nil},
		{"no date and no sex", male, Date{}, "", nil},
		{"day differs", male, NewDate(1995, time.May, 2), SexMale, []string{"Tanggal lahir pada NIK (01-05-95)"}},
		{"month differs", male, NewDate(1995, time.June, 1), SexMale, []string{"1 Juni 1995"}},
		{"year differs", male, NewDate(1996, time.May, 1), SexMale, []string{"1 Mei 1996"}},
		{"female NIK male entered", female, NewDate(1995, time.May, 1), SexMale, []string{"NIK menunjukkan jenis kelamin perempuan"}},
		{"male NIK female entered", male, NewDate(1995, time.May, 1), SexFemale, []string{"NIK menunjukkan jenis kelamin laki-laki"}},
		{"date and sex differ", female, NewDate(1990, time.January, 1), SexMale, []string{"Tanggal lahir pada NIK", "perempuan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NIKWarnings(tt.info, tt.birthDate, tt.sex)
			if len(got) != len(tt.want) {
				t.Fatalf("warnings = %q, want %d of them", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestParseFamilyCardNumber(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string
		wantErr error
	}{
		{"valid", "3515041203180007", "3515041203180007", nil},
		{"surrounding spaces", " 3515041203180007 ", "3515041203180007", nil},
		{"Papua Pegunungan", "9701041203180007", "9701041203180007", nil},
		{"15 digits", "351504120318000", "", ErrKKLength},
		{"17 digits", "35150412031800071", "", ErrKKLength},
		{"letters", "3515O41203180007", "", ErrKKLength},
		{"empty", "", "", ErrKKLength},
		{"province 99", "9915041203180007", "", ErrKKProvince},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFamilyCardNumber(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseFamilyCardNumber(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseNPWP(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    string
		wantErr error
	}{
		{"empty", "", "", nil},
		{"spaces only", "   ", "", nil},
		{"old form with punctuation", "01.234.567.8-901.000", "012345678901000", nil},
		{"old form digits", "012345678901000", "012345678901000", nil},
		{"16 digits", "3515045703940002", "3515045703940002", nil},
		{"leading zeros kept", "00.000.000.1-234.567", "000000001234567", nil},
		{"spaces between groups", "01 234 567 8 901 000", "012345678901000", nil},
		{"14 digits", "01.234.567.8-901.00", "", ErrNPWPLength},
		{"17 digits", "35150457039400021", "", ErrNPWPLength},
		{"punctuation only", "..-", "", ErrNPWPLength},
		{"letters", "01.234.567.8-901.ABC", "", ErrNPWPCharacters},
		{"slash", "01/234/567/8-901.000", "", ErrNPWPCharacters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNPWP(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseNPWP(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("ParseNPWP(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}
