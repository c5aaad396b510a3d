package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Province codes that open a NIK or No KK, including the Papua provinces created in 2022.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true,
	"21": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"51": true, "52": true, "53": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "72": true, "73": true, "74": true, "75": true, "76": true,
	"81": true, "82": true,
	"91": true, "92": true, "93": true, "94": true, "95": true, "96": true, "97": true,
}

// Validation errors carry Indonesian text because handlers show them beside the field as they are.
var (
	ErrNIKLength      = errors.New("NIK harus 16 digit angka")
	ErrNIKProvince    = errors.New("dua digit pertama NIK bukan kode provinsi yang dikenal")
	ErrNIKBirthDate   = errors.New("digit 7–12 NIK bukan tanggal lahir yang sah (DDMMYY, perempuan ditambah 40 pada tanggal)")
	ErrNIKSerial      = errors.New("empat digit terakhir NIK tidak boleh 0000")
	ErrKKLength       = errors.New("No KK harus 16 digit angka")
	ErrKKProvince     = errors.New("dua digit pertama No KK bukan kode provinsi yang dikenal")
	ErrNPWPLength     = errors.New("NPWP harus 15 digit (format lama, tanda baca boleh) atau 16 digit")
	ErrNPWPCharacters = errors.New("NPWP hanya boleh berisi angka, titik, dan tanda hubung")
	ErrNameEmpty      = errors.New("nama wajib diisi")
	ErrNameCharacters = errors.New("nama hanya boleh berisi huruf, spasi, apostrof, titik, dan tanda hubung")
)

// NIKInfo is the data a valid NIK encodes about its holder.
type NIKInfo struct {
	ProvinceCode string
	// BirthDay and BirthMonth are certain; BirthYear2 is the two-digit year, because a NIK does not
	// say the century.
	BirthDay   int
	BirthMonth time.Month
	BirthYear2 int
	Female     bool
}

// ParseNIK checks a NIK's structure: 16 digits, a known province, a real date of birth with 40
// added to the day for women, and a serial that is not 0000. Surrounding spaces are ignored.
func ParseNIK(raw string) (string, NIKInfo, error) {
	nik := strings.TrimSpace(raw)
	if len(nik) != 16 || !allDigits(nik) {
		return nik, NIKInfo{}, ErrNIKLength
	}
	if !provinceCodes[nik[0:2]] {
		return nik, NIKInfo{}, ErrNIKProvince
	}

	day := atoi2(nik[6:8])
	month := atoi2(nik[8:10])
	year := atoi2(nik[10:12])
	female := day > 40
	if female {
		day -= 40
	}
	if !realDate(day, month, year) {
		return nik, NIKInfo{}, ErrNIKBirthDate
	}
	if nik[12:16] == "0000" {
		return nik, NIKInfo{}, ErrNIKSerial
	}
	return nik, NIKInfo{
		ProvinceCode: nik[0:2],
		BirthDay:     day,
		BirthMonth:   time.Month(month),
		BirthYear2:   year,
		Female:       female,
	}, nil
}

// NIKWarnings lists, in Indonesian, where a valid NIK disagrees with the entered date of birth or
// sex. Such a NIK is saved with the warning shown, because a NIK is never reissued to fix it.
func NIKWarnings(info NIKInfo, birthDate Date, sex string) []string {
	var warnings []string
	if !birthDate.IsZero() {
		t := birthDate.Time()
		if t.Day() != info.BirthDay || t.Month() != info.BirthMonth || t.Year()%100 != info.BirthYear2 {
			warnings = append(warnings, fmt.Sprintf(
				"Tanggal lahir pada NIK (%02d-%02d-%02d) berbeda dengan tanggal lahir yang diisi (%s).",
				info.BirthDay, int(info.BirthMonth), info.BirthYear2, FormatDate(birthDate)))
		}
	}
	switch {
	case sex == SexMale && info.Female:
		warnings = append(warnings, "NIK menunjukkan jenis kelamin perempuan, tetapi yang diisi laki-laki.")
	case sex == SexFemale && !info.Female:
		warnings = append(warnings, "NIK menunjukkan jenis kelamin laki-laki, tetapi yang diisi perempuan.")
	}
	return warnings
}

// ParseFamilyCardNumber checks a No KK: 16 digits opening with a known province code.
func ParseFamilyCardNumber(raw string) (string, error) {
	kk := strings.TrimSpace(raw)
	if len(kk) != 16 || !allDigits(kk) {
		return kk, ErrKKLength
	}
	if !provinceCodes[kk[0:2]] {
		return kk, ErrKKProvince
	}
	return kk, nil
}

// ParseNPWP accepts the old 15-digit form, with its usual dots and hyphens, or the 16-digit form,
// and returns the digits alone with leading zeros kept. An empty input returns "" and no error.
func ParseNPWP(raw string) (string, error) {
	var digits strings.Builder
	for _, r := range strings.TrimSpace(raw) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '.' || r == '-' || r == ' ':
		default:
			return "", ErrNPWPCharacters
		}
	}
	npwp := digits.String()
	if npwp == "" && strings.TrimSpace(raw) == "" {
		return "", nil
	}
	if len(npwp) != 15 && len(npwp) != 16 {
		return npwp, ErrNPWPLength
	}
	return npwp, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi2(s string) int {
	return int(s[0]-'0')*10 + int(s[1]-'0')
}

// realDate reports whether day and month exist in the two-digit year. The year is taken as 20YY:
// a NIK does not say the century, and 29 February of year 00 exists in 2000 (not in 1900).
func realDate(day, month, year2 int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	year := 2000 + year2
	last := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return day <= last
}
