package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/upload"
	"sinop/views"
)

// Limits of the letter form.
const (
	letterEmptyRows    = 3    // empty requirement rows on a new form
	letterMaxRows      = 50   // requirement rows accepted in one letter
	letterMaxNumberLen = 100  // characters of a letter number
	letterMaxMajorLen  = 200  // characters of a requirement's major
	letterMaxQuota     = 9999 // places in one letter; a larger number is taken as a typing error
	letterEarliestYear = 2000 // the recommendations table accepts years 2000–2100
)

// Messages about the letter's file.
const (
	letterMsgFileAgain  = "Berkas belum tersimpan. Pilih lagi berkas PDF surat sebelum menyimpan."
	letterMsgMissingPDF = "Pilih berkas PDF surat rekomendasi."
)

// letterOptions are the choices the letter form offers.
type letterOptions struct {
	Agencies  []storage.Agency
	Positions []storage.Position
	Levels    []storage.EducationLevel
}

// letterForm is the letter form as typed. Every value is the raw text the browser sent, so an
// invalid form can be shown again exactly as it was filled.
type letterForm struct {
	AgencyID   string
	Number     string
	LetterDate string
	Year       string
	Quota      string
	RequestKey string
	Rows       []requirementRow
}

// requirementRow is one requirement line of the form as typed, with its own field errors.
type requirementRow struct {
	PositionID string
	LevelID    string
	Major      string
	Count      string
	Errors     domain.FieldErrors
	// Options is shared by every row, so each row can render its selects on its own (the
	// "Tambah baris" button fetches a single row).
	Options *letterOptions
}

func (r requirementRow) empty() bool {
	return r.PositionID == "" && r.LevelID == "" && r.Major == "" && r.Count == ""
}

// letterFormPage is the data of the new-letter page and its form fragment.
type letterFormPage struct {
	views.Base
	Form    letterForm
	Errors  domain.FieldErrors
	Options *letterOptions
	// Submitted is set when the form comes back after a POST, whose file was not kept.
	Submitted bool
	// Notice is a message about the whole form, such as object storage being unavailable.
	Notice      string
	MaxPDFBytes int64
	MaxPDFSize  string
}

// FileNote returns the note shown beside the file input when the form comes back without an
// error on the file itself: the browser does not keep a chosen file, so it must be chosen again.
func (p letterFormPage) FileNote() string {
	if !p.Submitted || p.Errors["letter"] != "" {
		return ""
	}
	return letterMsgFileAgain
}

// newLetterFormPage returns the page with the form's choices loaded and no values typed.
func (a *App) newLetterFormPage(c *gin.Context) (letterFormPage, error) {
	ctx := c.Request.Context()
	agencies, err := a.Store.Agencies(ctx)
	if err != nil {
		return letterFormPage{}, err
	}
	ref, err := a.Store.LoadReference(ctx)
	if err != nil {
		return letterFormPage{}, err
	}
	options := &letterOptions{Agencies: agencies, Positions: ref.Positions, Levels: ref.EducationLevels}
	form := letterForm{RequestKey: newLetterRequestKey()}
	for range letterEmptyRows {
		form.Rows = append(form.Rows, requirementRow{Options: options})
	}
	return letterFormPage{
		Base:        a.base(c, "Surat rekomendasi baru", "recommendations"),
		Form:        form,
		Errors:      domain.FieldErrors{},
		Options:     options,
		MaxPDFBytes: a.Limits.PDFBytes,
		MaxPDFSize:  upload.FormatSize(a.Limits.PDFBytes),
	}, nil
}

// newLetterRequestKey returns a random key that identifies one filled-in form, so sending the
// same form twice creates one letter.
func newLetterRequestKey() string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	return hex.EncodeToString(raw)
}

// letterFormFrom reads the typed values. Requirement rows arrive as parallel lists (one value per
// row for each column), which line up because every row has all four inputs.
func letterFormFrom(values url.Values, options *letterOptions) letterForm {
	get := func(name string) string { return strings.TrimSpace(values.Get(name)) }
	form := letterForm{
		AgencyID:   get("agency_id"),
		Number:     get("number"),
		LetterDate: get("letter_date"),
		Year:       get("year"),
		Quota:      get("quota"),
		RequestKey: get("request_key"),
	}
	positions, levels := values["req_position"], values["req_level"]
	majors, counts := values["req_major"], values["req_count"]
	rows := max(len(positions), len(levels), len(majors), len(counts))
	at := func(list []string, i int) string {
		if i < len(list) {
			return strings.TrimSpace(list[i])
		}
		return ""
	}
	for i := range rows {
		form.Rows = append(form.Rows, requirementRow{
			PositionID: at(positions, i), LevelID: at(levels, i), Major: at(majors, i), Count: at(counts, i),
			Errors: domain.FieldErrors{}, Options: options,
		})
	}
	if form.RequestKey == "" {
		form.RequestKey = newLetterRequestKey()
	}
	return form
}

// validate checks the typed letter against the form's choices and returns the letter and its
// requirements, or the field errors. Errors of a requirement row are set on the row itself.
func (f *letterForm) validate(options *letterOptions, today domain.Date) (storage.Recommendation, []storage.Requirement, domain.FieldErrors) {
	errs := domain.FieldErrors{}
	var rec storage.Recommendation

	agencyID, _ := strconv.ParseInt(f.AgencyID, 10, 64)
	switch {
	case f.AgencyID == "":
		errs.Add("agency_id", "Pilih OPD tujuan surat.")
	case !agencyExists(options.Agencies, agencyID):
		errs.Add("agency_id", "OPD tidak dikenal; pilih dari daftar.")
	}
	rec.AgencyID = agencyID

	switch {
	case f.Number == "":
		errs.Add("number", "Isi nomor surat.")
	case utf8.RuneCountInString(f.Number) > letterMaxNumberLen:
		errs.Add("number", fmt.Sprintf("Nomor surat paling panjang %d karakter.", letterMaxNumberLen))
	}
	rec.Number = f.Number

	date, err := domain.ParseDate(f.LetterDate)
	switch {
	case f.LetterDate == "":
		errs.Add("letter_date", "Isi tanggal surat.")
	case err != nil:
		errs.Add("letter_date", "Tanggal surat tidak sah; pilih tanggal dari pemilih tanggal.")
	case date.Time().After(today.Time()):
		errs.Add("letter_date", "Tanggal surat tidak boleh setelah hari ini ("+domain.FormatDate(today)+").")
	case date.Year() < letterEarliestYear:
		errs.Add("letter_date", fmt.Sprintf("Tanggal surat paling awal tahun %d.", letterEarliestYear))
	}
	rec.LetterDate = date

	rec.Year = f.validateYear(errs, date, today)
	rec.Quota = f.validateQuota(errs)
	reqs := f.validateRows(errs, options, rec.Quota)
	return rec, reqs, errs
}

// validateYear accepts the letter's year from one year before to one year after the letter's
// date (a letter dated December may be for the next year), or around today when the date is
// invalid.
func (f *letterForm) validateYear(errs domain.FieldErrors, date domain.Date, today domain.Date) int {
	around := today.Year()
	if !date.IsZero() && date.Year() >= letterEarliestYear && !date.Time().After(today.Time()) {
		around = date.Year()
	}
	lowest, highest := max(around-1, letterEarliestYear), around+1
	year, err := strconv.Atoi(f.Year)
	switch {
	case f.Year == "":
		errs.Add("year", "Isi tahun formasi.")
	case err != nil:
		errs.Add("year", "Tahun harus berupa angka, misalnya "+strconv.Itoa(today.Year())+".")
	case year < lowest || year > highest:
		errs.Add("year", fmt.Sprintf("Tahun harus antara %d dan %d (paling jauh satu tahun dari tanggal surat).", lowest, highest))
	}
	return year
}

func (f *letterForm) validateQuota(errs domain.FieldErrors) int {
	quota, err := strconv.Atoi(f.Quota)
	switch {
	case f.Quota == "":
		errs.Add("quota", "Isi kuota.")
	case err != nil:
		errs.Add("quota", "Kuota harus berupa bilangan bulat.")
	case quota <= 0:
		errs.Add("quota", "Kuota harus lebih dari 0.")
	case quota > letterMaxQuota:
		errs.Add("quota", fmt.Sprintf("Kuota paling banyak %d.", letterMaxQuota))
	}
	return quota
}

// validateRows checks the requirement rows, skipping empty ones. The counts together may not
// exceed the quota: verification checks candidates against the quota alone, so a letter whose
// lines ask for more people than its quota contradicts itself and is almost surely mistyped.
func (f *letterForm) validateRows(errs domain.FieldErrors, options *letterOptions, quota int) []storage.Requirement {
	var reqs []storage.Requirement
	total := 0
	for i := range f.Rows {
		row := &f.Rows[i]
		if row.empty() {
			continue
		}
		req := storage.Requirement{Major: row.Major}
		req.PositionID, _ = strconv.ParseInt(row.PositionID, 10, 64)
		if !positionExists(options.Positions, req.PositionID) {
			row.Errors.Add("position", "Pilih jabatan.")
		}
		req.MinEducationLevelID, _ = strconv.ParseInt(row.LevelID, 10, 64)
		if !levelExists(options.Levels, req.MinEducationLevelID) {
			row.Errors.Add("level", "Pilih pendidikan minimal.")
		}
		if utf8.RuneCountInString(row.Major) > letterMaxMajorLen {
			row.Errors.Add("major", fmt.Sprintf("Jurusan paling panjang %d karakter.", letterMaxMajorLen))
		}
		count, err := strconv.Atoi(row.Count)
		switch {
		case row.Count == "":
			row.Errors.Add("count", "Isi jumlah.")
		case err != nil || count <= 0:
			row.Errors.Add("count", "Jumlah harus bilangan bulat lebih dari 0.")
		case count > letterMaxQuota:
			row.Errors.Add("count", fmt.Sprintf("Jumlah paling banyak %d.", letterMaxQuota))
		}
		req.Count = count
		total += max(count, 0)
		reqs = append(reqs, req)
		if len(row.Errors) > 0 {
			errs.Add("requirements", "Perbaiki baris kebutuhan yang ditandai.")
		}
	}

	switch {
	case len(reqs) == 0:
		errs.Add("requirements", "Isi paling sedikit satu baris kebutuhan: jabatan, pendidikan minimal dan jumlah.")
	case len(reqs) > letterMaxRows:
		errs.Add("requirements", fmt.Sprintf("Paling banyak %d baris kebutuhan dalam satu surat.", letterMaxRows))
	case quota > 0 && total > quota:
		errs.Add("requirements", fmt.Sprintf("Jumlah kebutuhan semua baris (%d) melebihi kuota (%d). Sesuaikan kuota atau jumlah per baris.", total, quota))
	}
	return reqs
}

func agencyExists(agencies []storage.Agency, id int64) bool {
	for _, a := range agencies {
		if a.ID == id {
			return true
		}
	}
	return false
}

func positionExists(positions []storage.Position, id int64) bool {
	for _, p := range positions {
		if p.ID == id {
			return true
		}
	}
	return false
}

func levelExists(levels []storage.EducationLevel, id int64) bool {
	for _, l := range levels {
		if l.ID == id {
			return true
		}
	}
	return false
}

// todayInJakarta returns today's date in the app's time zone.
func todayInJakarta() domain.Date {
	return domain.DateOf(time.Now().In(domain.Jakarta))
}
