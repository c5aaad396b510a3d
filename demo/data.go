package demo

import (
	"time"

	"sinop/domain"
	"sinop/storage"
)

// Every person, number and address below is invented. Agency and place names are Sidoarjo's.

// agencies are the demo's work units.
var agencies = []storage.Agency{
	{Code: "DINKES", Name: "Dinas Kesehatan", Kind: "dinas"},
	{Code: "DIKBUD", Name: "Dinas Pendidikan dan Kebudayaan", Kind: "dinas"},
	{Code: "DPUBMSDA", Name: "Dinas Pekerjaan Umum Bina Marga dan Sumber Daya Air", Kind: "dinas"},
	{Code: "DISHUB", Name: "Dinas Perhubungan", Kind: "dinas"},
	{Code: "DLHK", Name: "Dinas Lingkungan Hidup dan Kebersihan", Kind: "dinas"},
	{Code: "DINSOS", Name: "Dinas Sosial", Kind: "dinas"},
	{Code: "BAPPEDA", Name: "Badan Perencanaan Pembangunan Daerah", Kind: "badan"},
	{Code: "BKD", Name: "Badan Kepegawaian Daerah", Kind: "badan"},
	{Code: "BPKAD", Name: "Badan Pengelolaan Keuangan dan Aset Daerah", Kind: "badan"},
	{Code: "SETDA", Name: "Sekretariat Daerah", Kind: "sekretariat"},
	{Code: "SETWAN", Name: "Sekretariat DPRD", Kind: "sekretariat"},
	{Code: "KEC-SDA", Name: "Kecamatan Sidoarjo", Kind: "kecamatan"},
	{Code: "KEC-CANDI", Name: "Kecamatan Candi", Kind: "kecamatan"},
	{Code: "KEC-WARU", Name: "Kecamatan Waru", Kind: "kecamatan"},
	{Code: "KEC-TAMAN", Name: "Kecamatan Taman", Kind: "kecamatan"},
	{Code: "KEC-BUDURAN", Name: "Kecamatan Buduran", Kind: "kecamatan"},
	{Code: "KEC-PORONG", Name: "Kecamatan Porong", Kind: "kecamatan"},
	{Code: "KEC-KRIAN", Name: "Kecamatan Krian", Kind: "kecamatan"},
	{Code: "PKM-SDA", Name: "UPT Puskesmas Sidoarjo", Kind: "puskesmas"},
	{Code: "PKM-CANDI", Name: "UPT Puskesmas Candi", Kind: "puskesmas"},
	{Code: "PKM-WARU", Name: "UPT Puskesmas Waru", Kind: "puskesmas"},
	{Code: "PKM-TAMAN", Name: "UPT Puskesmas Taman", Kind: "puskesmas"},
}

// Password is the password of every demo account.
const Password = "sinop-demo"

// account is a demo user. AgencyCode is set for role opd.
type account struct {
	Username   string
	FullName   string
	Role       domain.Role
	AgencyCode string
	Purpose    string // printed after loading
}

var accounts = []account{
	{Username: "superadmin", FullName: "Hartini Wulandari", Role: domain.RoleSuperadmin,
		Purpose: "final review of proposals"},
	{Username: "bkd", FullName: "Dedi Prasetyo", Role: domain.RoleBKD,
		Purpose: "recommendation letters and verification"},
	{Username: "opd", FullName: "Nur Aini Rahmawati", Role: domain.RoleOPD, AgencyCode: "DINKES",
		Purpose: "proposals of Dinas Kesehatan"},
}

// requirement is a letter line by reference names. Major "" accepts any major.
type requirement struct {
	Position string
	MinLevel string
	Major    string
	Count    int
}

// letter is a recommendation letter from BKD to an agency.
type letter struct {
	AgencyCode   string
	Number       string
	Date         domain.Date
	Year         int
	Quota        int
	Requirements []requirement
	FileName     string
}

var letters = []letter{
	{
		AgencyCode: "DINKES", Number: "800/1427/438.5.6/2026", Date: domain.NewDate(2026, time.November, 16),
		Year: 2027, Quota: 6, FileName: "rekomendasi-dinkes-2027.pdf",
		Requirements: []requirement{
			{Position: "Perawat", MinLevel: "D3", Major: "Keperawatan", Count: 3},
			{Position: "Bidan", MinLevel: "D3", Major: "Kebidanan", Count: 2},
			{Position: "Pengadministrasi Umum", MinLevel: "SMA", Count: 1},
		},
	},
	{
		AgencyCode: "DIKBUD", Number: "800/1453/438.5.6/2026", Date: domain.NewDate(2026, time.November, 23),
		Year: 2027, Quota: 4, FileName: "rekomendasi-dikbud-2027.pdf",
		Requirements: []requirement{
			{Position: "Guru Kelas", MinLevel: "S1", Major: "Pendidikan Guru Sekolah Dasar", Count: 3},
			{Position: "Operator Layanan Operasional", MinLevel: "SMA", Count: 1},
		},
	},
}

// person is a demo candidate by reference names. Empty fields stay unfilled, as in a draft.
type person struct {
	NIK, FamilyCard               string
	Prefix, Name, Suffix          string
	BirthPlace                    string
	BirthDate                     domain.Date
	Religion, Sex, Marital, Blood string
	AddressKTP, AddressDomicile   string
	Email, Phone, NPWP            string
	Level, Major, Institution     string
	GraduationYear                int
	AppliedLevel, AppliedMajor    string
	Classification, Salary        string
	Position                      string
	StartDate                     domain.Date
	// Documents lists the kinds of document to attach.
	Documents []string
	Portrait  portrait
}

var (
	redBackdrop   = rgb(190, 30, 40)
	blueBackdrop  = rgb(40, 90, 180)
	demoStartDate = domain.NewDate(2027, time.January, 4)
)

// submittedPeople are the complete candidates of the submitted proposal, under the first letter.
var submittedPeople = []person{
	{
		NIK: "3515045703940002", FamilyCard: "3515041203180007",
		Name: "Dewi Anggraeni Putri", Suffix: "A.Md.Kep",
		BirthPlace: "Sidoarjo", BirthDate: domain.NewDate(1994, time.March, 17),
		Religion: "Islam", Sex: domain.SexFemale, Marital: domain.MaritalMarried, Blood: "A+",
		AddressKTP:      "Jl. Kenanga IV No. 17, RT 003 RW 005, Sumput, Sidoarjo",
		AddressDomicile: "Jl. Kenanga IV No. 17, RT 003 RW 005, Sumput, Sidoarjo",
		Email:           "dewi.anggraeni@contoh.id", Phone: "081234560117", NPWP: "092543816617000",
		Level: "D3", Major: "Keperawatan", Institution: "Akademi Keperawatan Delta Husada", GraduationYear: 2016,
		AppliedLevel: "D3", AppliedMajor: "Keperawatan",
		Classification: "Tenaga Kesehatan", Salary: "Standar III (Diploma)", Position: "Perawat",
		StartDate: demoStartDate,
		Documents: []string{storage.DocPhoto, storage.DocSpousePhoto, storage.DocKTP, storage.DocKK, storage.DocDiploma, storage.DocFirstPK},
		Portrait:  portrait{Background: redBackdrop, Skin: rgb(224, 178, 140), Hair: rgb(70, 90, 120), Clothes: rgb(240, 240, 240), Headscarf: true},
	},
	{
		NIK: "3515124511980001", FamilyCard: "3515122006090014",
		Name: "Rizka Amalia", Suffix: "A.Md.Keb",
		BirthPlace: "Mojokerto", BirthDate: domain.NewDate(1998, time.November, 5),
		Religion: "Islam", Sex: domain.SexFemale, Marital: domain.MaritalSingle, Blood: "B+",
		AddressKTP:      "Perum Taman Candi Asri Blok C-12, Sugihwaras, Candi",
		AddressDomicile: "Perum Taman Candi Asri Blok C-12, Sugihwaras, Candi",
		Phone:           "085755012233",
		Level:           "D3", Major: "Kebidanan", Institution: "Politeknik Kesehatan Delta Sidoarjo", GraduationYear: 2019,
		AppliedLevel: "D3", AppliedMajor: "Kebidanan",
		Classification: "Tenaga Kesehatan", Salary: "Standar III (Diploma)", Position: "Bidan",
		StartDate: demoStartDate,
		Documents: []string{storage.DocPhoto, storage.DocKTP, storage.DocKK, storage.DocDiploma, storage.DocFirstPK},
		Portrait:  portrait{Background: blueBackdrop, Skin: rgb(205, 160, 120), Hair: rgb(130, 60, 90), Clothes: rgb(30, 40, 70), Headscarf: true},
	},
	{
		NIK: "3515092207000003", FamilyCard: "3515091504050021",
		Name:       "Yohanes Bagus Setiawan",
		BirthPlace: "Surabaya", BirthDate: domain.NewDate(2000, time.July, 22),
		Religion: "Katolik", Sex: domain.SexMale, Marital: domain.MaritalSingle, Blood: "O",
		AddressKTP:      "Jl. Raya Kletek No. 48, RT 002 RW 001, Kletek, Taman",
		AddressDomicile: "Jl. Mojopahit Gg. Melati No. 5, Celep, Sidoarjo",
		Email:           "yohanes.bagus@contoh.id", Phone: "082140220722",
		Level: "SMA", Major: "IPS", Institution: "SMA Dharma Wiyata Sidoarjo", GraduationYear: 2018,
		AppliedLevel: "SMA", AppliedMajor: "IPS",
		Classification: "Tenaga Administrasi", Salary: "Standar II (SMA/SMK)", Position: "Pengadministrasi Umum",
		StartDate: demoStartDate,
		Documents: []string{storage.DocPhoto, storage.DocKTP, storage.DocKK, storage.DocDiploma, storage.DocFirstPK},
		Portrait:  portrait{Background: redBackdrop, Skin: rgb(196, 150, 110), Hair: rgb(25, 20, 20), Clothes: rgb(250, 250, 250)},
	},
}

// draftPeople are the candidates of the draft proposal: one filled in with a photo, one just begun.
var draftPeople = []person{
	{
		NIK: "3515062902960004", FamilyCard: "3515060108220003",
		Prefix: "Ns.", Name: "Muhammad Fajar Ramadhan", Suffix: "S.Kep",
		BirthPlace: "Sidoarjo", BirthDate: domain.NewDate(1996, time.February, 29),
		Religion: "Islam", Sex: domain.SexMale, Marital: domain.MaritalMarried, Blood: "AB+",
		AddressKTP:      "Dusun Karangpoh RT 001 RW 003, Gelam, Candi",
		AddressDomicile: "Dusun Karangpoh RT 001 RW 003, Gelam, Candi",
		Phone:           "081331290296",
		Level:           "S1", Major: "Keperawatan", Institution: "Universitas Delta Nusantara", GraduationYear: 2019,
		AppliedLevel: "S1", AppliedMajor: "Keperawatan",
		Classification: "Tenaga Kesehatan", Salary: "Standar V (Profesi Kesehatan)", Position: "Perawat",
		StartDate: demoStartDate,
		Documents: []string{storage.DocPhoto},
		Portrait:  portrait{Background: blueBackdrop, Skin: rgb(200, 156, 116), Hair: rgb(20, 20, 20), Clothes: rgb(245, 245, 245)},
	},
	{
		NIK:  "3515014908010002",
		Name: "Ni Luh Ayu Lestari", BirthPlace: "Denpasar", BirthDate: domain.NewDate(2001, time.August, 9),
		Sex: domain.SexFemale, Position: "Bidan",
	},
}
