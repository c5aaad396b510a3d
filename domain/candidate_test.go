package domain

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var testToday = NewDate(2026, time.March, 10)

// validInput returns a fully filled form for a married woman born 1 May 1995.
func validInput() CandidateInput {
	return CandidateInput{
		NIK: "3515014105950001", FamilyCardNumber: "3515011201000001",
		TitlePrefix: "", FullName: "Siti Aminah", TitleSuffix: "A.Md.Kep.",
		BirthPlace: "Sidoarjo", BirthDate: "1995-05-01", ReligionID: "1", Sex: SexFemale,
		MaritalStatus: MaritalMarried, BloodType: "O+",
		AddressKTP: "Jl. Mawar 1, Sidoarjo", AddressDomicile: "Jl. Melati 2, Sidoarjo",
		Email: "siti@contoh.id", Phone: "0812-3456-7890", NPWP: "09.254.294.3-407.000",
		EducationLevelID: "6", EducationMajor: "Keperawatan", EducationInstitution: "Poltekkes Surabaya",
		GraduationYear: "2017", AppliedEducationLevelID: "6", AppliedEducationMajor: "Keperawatan",
		ClassificationID: "2", SalaryStandardID: "3", PositionID: "7", PositionType: "fungsional",
		StartDate: "2026-07-01",
	}
}

func TestParseCandidateValid(t *testing.T) {
	d, errs := ParseCandidateInput(validInput(), testToday)
	if len(errs) != 0 {
		t.Fatalf("errors %v, want none", errs)
	}
	if d.NPWP != "092542943407000" {
		t.Errorf("NPWP %q, want digits only", d.NPWP)
	}
	if d.Phone != "081234567890" {
		t.Errorf("phone %q, want 081234567890", d.Phone)
	}
	if d.BirthDate != NewDate(1995, time.May, 1) {
		t.Errorf("birth date %v, want 1995-05-01", d.BirthDate)
	}
	if d.GraduationYear != 2017 {
		t.Errorf("graduation year %d, want 2017", d.GraduationYear)
	}
	if missing := d.Missing(); len(missing) != 0 {
		t.Errorf("missing %v, want none", missing)
	}
}

func TestParseCandidateFieldErrors(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*CandidateInput)
		field string
	}{
		{"NIK empty", func(in *CandidateInput) { in.NIK = " " }, "nik"},
		{"NIK 15 digits", func(in *CandidateInput) { in.NIK = "351501410595000" }, "nik"},
		{"NIK letters", func(in *CandidateInput) { in.NIK = "35150141059500AB" }, "nik"},
		{"NIK province 99", func(in *CandidateInput) { in.NIK = "9915014105950001" }, "nik"},
		{"NIK day 72", func(in *CandidateInput) { in.NIK = "3515017205950001" }, "nik"},
		{"NIK month 13", func(in *CandidateInput) { in.NIK = "3515014113950001" }, "nik"},
		{"NIK serial 0000", func(in *CandidateInput) { in.NIK = "3515014105950000" }, "nik"},
		{"KK 15 digits", func(in *CandidateInput) { in.FamilyCardNumber = "351501120100000" }, "family_card_number"},
		{"KK province 99", func(in *CandidateInput) { in.FamilyCardNumber = "9915011201000001" }, "family_card_number"},
		{"name with digits", func(in *CandidateInput) { in.FullName = "Siti 2" }, "full_name"},
		{"title with digits", func(in *CandidateInput) { in.TitleSuffix = "S1" }, "title_suffix"},
		{"birth place with digits", func(in *CandidateInput) { in.BirthPlace = "Blok 9" }, "birth_place"},
		{"birth date month 13", func(in *CandidateInput) { in.BirthDate = "1995-13-01" }, "birth_date"},
		{"birth date 30 February", func(in *CandidateInput) { in.BirthDate = "1995-02-30" }, "birth_date"},
		{"birth date in future", func(in *CandidateInput) { in.BirthDate = "2026-03-11" }, "birth_date"},
		{"birth date 1900", func(in *CandidateInput) { in.BirthDate = "1900-12-31" }, "birth_date"},
		{"religion not a number", func(in *CandidateInput) { in.ReligionID = "Islam" }, "religion_id"},
		{"religion negative", func(in *CandidateInput) { in.ReligionID = "-1" }, "religion_id"},
		{"sex unknown", func(in *CandidateInput) { in.Sex = "X" }, "sex"},
		{"marital unknown", func(in *CandidateInput) { in.MaritalStatus = "menikah" }, "marital_status"},
		{"blood type unknown", func(in *CandidateInput) { in.BloodType = "C" }, "blood_type"},
		{"email without at", func(in *CandidateInput) { in.Email = "siti.contoh.id" }, "email"},
		{"email with name", func(in *CandidateInput) { in.Email = "Siti <siti@contoh.id>" }, "email"},
		{"email host without dot", func(in *CandidateInput) { in.Email = "siti@localhost" }, "email"},
		{"phone with letters", func(in *CandidateInput) { in.Phone = "0812abc" }, "phone"},
		{"phone too short", func(in *CandidateInput) { in.Phone = "0812345" }, "phone"},
		{"phone too long", func(in *CandidateInput) { in.Phone = "+62812345678901234" }, "phone"},
		{"NPWP 14 digits", func(in *CandidateInput) { in.NPWP = "09254294340700" }, "npwp"},
		{"NPWP letters", func(in *CandidateInput) { in.NPWP = "09A54294340700" }, "npwp"},
		{"graduation year text", func(in *CandidateInput) { in.GraduationYear = "dua ribu" }, "graduation_year"},
		{"graduation year 3 digits", func(in *CandidateInput) { in.GraduationYear = "201" }, "graduation_year"},
		{"graduation year future", func(in *CandidateInput) { in.GraduationYear = "2027" }, "graduation_year"},
		{"graduation before birth", func(in *CandidateInput) { in.GraduationYear = "1990" }, "graduation_year"},
		{"position type unknown", func(in *CandidateInput) { in.PositionType = "struktural" }, "position_type"},
		{"start date invalid", func(in *CandidateInput) { in.StartDate = "2026-07-32" }, "start_date"},
		{"start date too late", func(in *CandidateInput) { in.StartDate = "2032-01-01" }, "start_date"},
		{"address too long", func(in *CandidateInput) { in.AddressKTP = strings.Repeat("a", 501) }, "address_ktp"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			tc.edit(&in)
			_, errs := ParseCandidateInput(in, testToday)
			if errs[tc.field] == "" {
				t.Errorf("no error on %s; errors: %v", tc.field, errs)
			}
			if len(errs) != 1 {
				t.Errorf("%d errors %v, want only %s", len(errs), errs, tc.field)
			}
		})
	}
}

func TestParseCandidateDraftOnlyNIK(t *testing.T) {
	d, errs := ParseCandidateInput(CandidateInput{NIK: " 3515014105950001 "}, testToday)
	if len(errs) != 0 {
		t.Fatalf("errors %v, want none for a draft with only a NIK", errs)
	}
	if d.NIK != "3515014105950001" {
		t.Errorf("NIK %q, want it trimmed", d.NIK)
	}
	missing := d.Missing()
	for _, label := range []string{"No KK", "nama lengkap", "TMT", "jabatan"} {
		if !slices.Contains(missing, label) {
			t.Errorf("missing %v lacks %q", missing, label)
		}
	}
	for _, optional := range []string{"NIK", "golongan darah", "email", "telepon", "NPWP"} {
		if slices.Contains(missing, optional) {
			t.Errorf("missing %v names %q", missing, optional)
		}
	}
}

func TestParseCandidateDomicileSameAsKTP(t *testing.T) {
	in := validInput()
	in.AddressDomicile = ""
	in.DomicileSameAsKTP = true
	d, errs := ParseCandidateInput(in, testToday)
	if len(errs) != 0 {
		t.Fatalf("errors %v", errs)
	}
	if d.AddressDomicile != in.AddressKTP {
		t.Errorf("domicile %q, want the KTP address %q", d.AddressDomicile, in.AddressKTP)
	}
}

func TestCandidateWarnings(t *testing.T) {
	cases := []struct {
		name      string
		birthDate string
		sex       string
		want      int
	}{
		{"matching", "1995-05-01", SexFemale, 0},
		{"other birth date", "1995-05-02", SexFemale, 1},
		{"other sex", "1995-05-01", SexMale, 1},
		{"both differ", "1996-05-01", SexMale, 2},
		{"nothing entered", "", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := CandidateInput{NIK: "3515014105950001", BirthDate: tc.birthDate, Sex: tc.sex}
			d, errs := ParseCandidateInput(in, testToday)
			if len(errs) != 0 {
				t.Fatalf("errors %v: a mismatch must not be a field error", errs)
			}
			if got := d.Warnings(); len(got) != tc.want {
				t.Errorf("warnings %v, want %d", got, tc.want)
			}
		})
	}
}

func TestSpousePhotoRequired(t *testing.T) {
	cases := []struct {
		status string
		want   bool
	}{
		{MaritalMarried, true},
		{MaritalSingle, false},
		{MaritalDivorced, false},
		{MaritalWidowed, false},
		{"", false},
	}
	for _, tc := range cases {
		t.Run(tc.status, func(t *testing.T) {
			if got := SpousePhotoRequired(tc.status); got != tc.want {
				t.Errorf("SpousePhotoRequired(%q) = %v, want %v", tc.status, got, tc.want)
			}
		})
	}
}
