package domain

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Timeline actions an agency takes on one candidate of a proposal.
const (
	ActionAddCandidate    Action = "add_candidate"
	ActionUpdateCandidate Action = "update_candidate"
	ActionRemoveCandidate Action = "remove_candidate"
)

// FieldErrors maps a form field's name to the Indonesian message shown beside it.
type FieldErrors map[string]string

// Add records message for field unless the field already has one, so the first problem found is
// the one shown.
func (e FieldErrors) Add(field, message string) {
	if _, ok := e[field]; !ok {
		e[field] = message
	}
}

// CandidateInput is the candidate form as typed: every value is the raw text the browser sent, so
// an invalid form can be shown again exactly as it was filled. Reference fields hold row ids.
type CandidateInput struct {
	NIK                     string
	FamilyCardNumber        string
	TitlePrefix             string
	FullName                string
	TitleSuffix             string
	BirthPlace              string
	BirthDate               string
	ReligionID              string
	Sex                     string
	MaritalStatus           string
	BloodType               string
	AddressKTP              string
	AddressDomicile         string
	DomicileSameAsKTP       bool
	Email                   string
	Phone                   string
	NPWP                    string
	EducationLevelID        string
	EducationMajor          string
	EducationInstitution    string
	GraduationYear          string
	AppliedEducationLevelID string
	AppliedEducationMajor   string
	ClassificationID        string
	SalaryStandardID        string
	PositionID              string
	PositionType            string
	StartDate               string
}

// CandidateData is a candidate's biodata and job data after parsing. A zero value (empty text,
// zero id, zero year, zero Date) means the field is not filled yet, which a draft allows.
type CandidateData struct {
	NIK                     string
	FamilyCardNumber        string
	TitlePrefix             string
	FullName                string
	TitleSuffix             string
	BirthPlace              string
	BirthDate               Date
	ReligionID              int64
	Sex                     string
	MaritalStatus           string
	BloodType               string
	AddressKTP              string
	AddressDomicile         string
	Email                   string
	Phone                   string
	NPWP                    string
	EducationLevelID        int64
	EducationMajor          string
	EducationInstitution    string
	GraduationYear          int
	AppliedEducationLevelID int64
	AppliedEducationMajor   string
	ClassificationID        int64
	SalaryStandardID        int64
	PositionID              int64
	PositionType            string
	StartDate               Date
}

// Length limits of the candidate's free-text fields, in characters.
const (
	maxTitleLength   = 50
	maxNameLength    = 150
	maxPlaceLength   = 100
	maxAddressLength = 500
	maxMajorLength   = 150
	maxEmailLength   = 254
)

// Messages for candidate fields that have no error of their own elsewhere in the package.
const (
	msgNIKRequired      = "NIK wajib diisi"
	msgTitleCharacters  = "gelar hanya boleh berisi huruf, titik, koma, spasi, apostrof, dan tanda hubung"
	msgPlaceCharacters  = "tempat lahir hanya boleh berisi huruf, spasi, apostrof, titik, dan tanda hubung"
	msgBirthDateFuture  = "tanggal lahir tidak boleh setelah hari ini"
	msgBirthDateTooOld  = "tanggal lahir harus setelah tahun 1900"
	msgChoiceInvalid    = "pilih salah satu pilihan yang tersedia"
	msgEmailInvalid     = "alamat email tidak sah, contoh: nama@contoh.id"
	msgPhoneInvalid     = "nomor telepon harus 9–15 digit angka, boleh diawali + (contoh 081234567890 atau +6281234567890)"
	msgYearInvalid      = "tahun lulus harus 4 digit angka"
	msgStartDateTooOld  = "TMT harus setelah tahun 1950"
	msgStartDateTooLate = "TMT paling lambat lima tahun dari sekarang"
)

// ParseCandidateInput checks the format of every filled field and returns the parsed data with an
// error per invalid field, keyed by the form's field names (nik, birth_date, ...). NIK is always
// required because it is the person's key; every other field may stay empty in a draft, and
// Missing reports those before submission. Whether an id exists in the reference tables needs
// the database, so callers check that themselves. today bounds dates of birth and TMT.
func ParseCandidateInput(in CandidateInput, today Date) (CandidateData, FieldErrors) {
	errs := FieldErrors{}
	var d CandidateData

	if strings.TrimSpace(in.NIK) == "" {
		errs.Add("nik", msgNIKRequired)
	} else if nik, _, err := ParseNIK(in.NIK); err != nil {
		errs.Add("nik", err.Error())
	} else {
		d.NIK = nik
	}

	if strings.TrimSpace(in.FamilyCardNumber) != "" {
		kk, err := ParseFamilyCardNumber(in.FamilyCardNumber)
		if err != nil {
			errs.Add("family_card_number", err.Error())
		}
		d.FamilyCardNumber = kk
	}

	d.TitlePrefix = parseTitle(in.TitlePrefix, "title_prefix", errs)
	d.TitleSuffix = parseTitle(in.TitleSuffix, "title_suffix", errs)
	if strings.TrimSpace(in.FullName) != "" {
		name, err := ParsePersonName(in.FullName)
		switch {
		case err != nil:
			errs.Add("full_name", err.Error())
		case utf8.RuneCountInString(name) > maxNameLength:
			errs.Add("full_name", fmt.Sprintf("nama paling panjang %d karakter", maxNameLength))
		}
		d.FullName = name
	}

	if strings.TrimSpace(in.BirthPlace) != "" {
		place, err := ParsePersonName(in.BirthPlace)
		switch {
		case err != nil:
			errs.Add("birth_place", msgPlaceCharacters)
		case utf8.RuneCountInString(place) > maxPlaceLength:
			errs.Add("birth_place", fmt.Sprintf("tempat lahir paling panjang %d karakter", maxPlaceLength))
		}
		d.BirthPlace = place
	}
	d.BirthDate = parseDateField(in.BirthDate, "birth_date", errs)
	if !d.BirthDate.IsZero() {
		switch {
		case d.BirthDate.Time().After(today.Time()):
			errs.Add("birth_date", msgBirthDateFuture)
		case d.BirthDate.Year() <= 1900:
			errs.Add("birth_date", msgBirthDateTooOld)
		}
	}

	d.ReligionID = parseID(in.ReligionID, "religion_id", errs)
	d.Sex = parseChoice(in.Sex, "sex", []Option{{SexMale, ""}, {SexFemale, ""}}, errs)
	d.MaritalStatus = parseChoice(in.MaritalStatus, "marital_status", MaritalStatuses, errs)
	d.BloodType = parseChoice(in.BloodType, "blood_type", BloodTypes, errs)

	d.AddressKTP = parseText(in.AddressKTP, "address_ktp", "alamat KTP", maxAddressLength, errs)
	domicile := in.AddressDomicile
	if in.DomicileSameAsKTP {
		domicile = in.AddressKTP
	}
	d.AddressDomicile = parseText(domicile, "address_domicile", "alamat domisili", maxAddressLength, errs)

	d.Email = parseEmail(in.Email, errs)
	d.Phone = parsePhone(in.Phone, errs)
	if strings.TrimSpace(in.NPWP) != "" {
		npwp, err := ParseNPWP(in.NPWP)
		if err != nil {
			errs.Add("npwp", err.Error())
		}
		d.NPWP = npwp
	}

	d.EducationLevelID = parseID(in.EducationLevelID, "education_level_id", errs)
	d.EducationMajor = parseText(in.EducationMajor, "education_major", "jurusan", maxMajorLength, errs)
	d.EducationInstitution = parseText(in.EducationInstitution, "education_institution", "nama institusi", maxMajorLength, errs)
	d.GraduationYear = parseGraduationYear(in.GraduationYear, today, errs)
	if d.GraduationYear != 0 && !d.BirthDate.IsZero() && errs["birth_date"] == "" && d.GraduationYear <= d.BirthDate.Year() {
		errs.Add("graduation_year", "tahun lulus harus setelah tahun lahir")
	}
	d.AppliedEducationLevelID = parseID(in.AppliedEducationLevelID, "applied_education_level_id", errs)
	d.AppliedEducationMajor = parseText(in.AppliedEducationMajor, "applied_education_major", "jurusan", maxMajorLength, errs)

	d.ClassificationID = parseID(in.ClassificationID, "classification_id", errs)
	d.SalaryStandardID = parseID(in.SalaryStandardID, "salary_standard_id", errs)
	d.PositionID = parseID(in.PositionID, "position_id", errs)
	d.PositionType = parseChoice(in.PositionType, "position_type", PositionTypes, errs)
	d.StartDate = parseDateField(in.StartDate, "start_date", errs)
	if !d.StartDate.IsZero() {
		switch {
		case d.StartDate.Year() <= 1950:
			errs.Add("start_date", msgStartDateTooOld)
		case d.StartDate.Year() > today.Year()+5:
			errs.Add("start_date", msgStartDateTooLate)
		}
	}
	return d, errs
}

// Missing lists, in Indonesian and in form order, the required fields that are still empty.
// Blood type, email, phone, NPWP and the titles are optional.
func (d CandidateData) Missing() []string {
	checks := []struct {
		label  string
		filled bool
	}{
		{"NIK", d.NIK != ""},
		{"No KK", d.FamilyCardNumber != ""},
		{"nama lengkap", d.FullName != ""},
		{"tempat lahir", d.BirthPlace != ""},
		{"tanggal lahir", !d.BirthDate.IsZero()},
		{"agama", d.ReligionID != 0},
		{"jenis kelamin", d.Sex != ""},
		{"status perkawinan", d.MaritalStatus != ""},
		{"alamat KTP", d.AddressKTP != ""},
		{"alamat domisili", d.AddressDomicile != ""},
		{"jenjang pendidikan terakhir", d.EducationLevelID != 0},
		{"jurusan pendidikan terakhir", d.EducationMajor != ""},
		{"institusi pendidikan terakhir", d.EducationInstitution != ""},
		{"tahun lulus", d.GraduationYear != 0},
		{"jenjang pendidikan sesuai lamaran", d.AppliedEducationLevelID != 0},
		{"jurusan pendidikan sesuai lamaran", d.AppliedEducationMajor != ""},
		{"klasifikasi pegawai", d.ClassificationID != 0},
		{"standar gaji", d.SalaryStandardID != 0},
		{"jabatan", d.PositionID != 0},
		{"jenis jabatan", d.PositionType != ""},
		{"TMT", !d.StartDate.IsZero()},
	}
	var missing []string
	for _, c := range checks {
		if !c.filled {
			missing = append(missing, c.label)
		}
	}
	return missing
}

// Warnings lists where the NIK disagrees with the entered date of birth or sex; see NIKWarnings.
// A NIK that does not parse has no warnings, because it is refused as a field error instead.
func (d CandidateData) Warnings() []string {
	_, info, err := ParseNIK(d.NIK)
	if err != nil {
		return nil
	}
	return NIKWarnings(info, d.BirthDate, d.Sex)
}

// SpousePhotoRequired reports whether a candidate of this marital status must upload a photo of
// the spouse: only a married one has a spouse to photograph.
func SpousePhotoRequired(maritalStatus string) bool {
	return maritalStatus == MaritalMarried
}

func parseTitle(raw, field string, errs FieldErrors) string {
	title := strings.Join(strings.Fields(raw), " ")
	if title == "" {
		return ""
	}
	if utf8.RuneCountInString(title) > maxTitleLength {
		errs.Add(field, fmt.Sprintf("gelar paling panjang %d karakter", maxTitleLength))
		return title
	}
	for _, r := range title {
		if !unicode.IsLetter(r) && !strings.ContainsRune(" .,'’-", r) {
			errs.Add(field, msgTitleCharacters)
			break
		}
	}
	return title
}

// parseText trims free text and checks its length; label names the field in the message.
func parseText(raw, field, label string, maxLength int, errs FieldErrors) string {
	text := strings.TrimSpace(raw)
	if utf8.RuneCountInString(text) > maxLength {
		errs.Add(field, fmt.Sprintf("%s paling panjang %d karakter", label, maxLength))
	}
	return text
}

func parseDateField(raw, field string, errs FieldErrors) Date {
	d, err := ParseDate(raw)
	if err != nil {
		errs.Add(field, err.Error())
	}
	return d
}

// parseID reads a reference row id sent by a select box; empty means not chosen.
func parseID(raw, field string, errs FieldErrors) int64 {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		errs.Add(field, msgChoiceInvalid)
		return 0
	}
	return id
}

func parseChoice(raw, field string, options []Option, errs FieldErrors) string {
	value := strings.TrimSpace(raw)
	if value != "" && !HasOption(options, value) {
		errs.Add(field, msgChoiceInvalid)
		return ""
	}
	return value
}

func parseEmail(raw string, errs FieldErrors) string {
	email := strings.TrimSpace(raw)
	if email == "" {
		return ""
	}
	if len(email) > maxEmailLength {
		errs.Add("email", msgEmailInvalid)
		return email
	}
	// ParseAddress also accepts "Name <a@b>" and hosts without a dot; only a bare address on a
	// domain name is wanted here.
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email {
		errs.Add("email", msgEmailInvalid)
		return email
	}
	if _, host, _ := strings.Cut(email, "@"); !strings.Contains(host, ".") {
		errs.Add("email", msgEmailInvalid)
	}
	return email
}

// parsePhone keeps the digits of a phone number and a leading plus, dropping the spaces, dots,
// hyphens and brackets people type between groups.
func parsePhone(raw string, errs FieldErrors) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	var b strings.Builder
	for i, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case strings.ContainsRune(" .-()", r):
		default:
			errs.Add("phone", msgPhoneInvalid)
			return raw
		}
	}
	phone := b.String()
	digits := len(strings.TrimPrefix(phone, "+"))
	if digits < 9 || digits > 15 {
		errs.Add("phone", msgPhoneInvalid)
		return raw
	}
	return phone
}

func parseGraduationYear(raw string, today Date, errs FieldErrors) int {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0
	}
	year, err := strconv.Atoi(raw)
	if err != nil || len(raw) != 4 {
		errs.Add("graduation_year", msgYearInvalid)
		return 0
	}
	if year < 1950 || year > today.Year() {
		errs.Add("graduation_year", fmt.Sprintf("tahun lulus harus antara 1950 dan %d", today.Year()))
		return 0
	}
	return year
}
