package handlers

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"sinop/domain"
	"sinop/storage"
	"sinop/upload"
	"sinop/views"
)

// candidatePage is the candidate page: the biodata and job form, and for a saved candidate its
// document slots. A new candidate has CandidateID 0.
type candidatePage struct {
	views.Base
	Proposal    storage.Proposal
	CandidateID int64
	Version     int
	RequestKey  string
	Input       domain.CandidateInput
	Errors      domain.FieldErrors
	// FormError is a message above the form, for problems that are not one field's.
	FormError string
	Warnings  []string
	Editable  bool
	Ref       storage.Reference
	Decision  domain.Decision
	Reason    string
	Slots     []uploadSlot
}

// FormAction returns where the form posts: the proposal's candidate list for a new candidate,
// the candidate itself for an edit.
func (p candidatePage) FormAction() string {
	if p.CandidateID == 0 {
		return fmt.Sprintf("/proposals/%d/candidates", p.Proposal.ID)
	}
	return fmt.Sprintf("/candidates/%d", p.CandidateID)
}

// candidateInputFrom reads the candidate form's fields, named as the candidates columns.
func candidateInputFrom(c *gin.Context) domain.CandidateInput {
	return domain.CandidateInput{
		NIK:                     c.PostForm("nik"),
		FamilyCardNumber:        c.PostForm("family_card_number"),
		TitlePrefix:             c.PostForm("title_prefix"),
		FullName:                c.PostForm("full_name"),
		TitleSuffix:             c.PostForm("title_suffix"),
		BirthPlace:              c.PostForm("birth_place"),
		BirthDate:               c.PostForm("birth_date"),
		ReligionID:              c.PostForm("religion_id"),
		Sex:                     c.PostForm("sex"),
		MaritalStatus:           c.PostForm("marital_status"),
		BloodType:               c.PostForm("blood_type"),
		AddressKTP:              c.PostForm("address_ktp"),
		AddressDomicile:         c.PostForm("address_domicile"),
		DomicileSameAsKTP:       c.PostForm("domicile_same_as_ktp") != "",
		Email:                   c.PostForm("email"),
		Phone:                   c.PostForm("phone"),
		NPWP:                    c.PostForm("npwp"),
		EducationLevelID:        c.PostForm("education_level_id"),
		EducationMajor:          c.PostForm("education_major"),
		EducationInstitution:    c.PostForm("education_institution"),
		GraduationYear:          c.PostForm("graduation_year"),
		AppliedEducationLevelID: c.PostForm("applied_education_level_id"),
		AppliedEducationMajor:   c.PostForm("applied_education_major"),
		ClassificationID:        c.PostForm("classification_id"),
		SalaryStandardID:        c.PostForm("salary_standard_id"),
		PositionID:              c.PostForm("position_id"),
		PositionType:            c.PostForm("position_type"),
		StartDate:               c.PostForm("start_date"),
	}
}

// parseCandidateForm reads and checks the candidate form: formats by the domain rules, then that
// every chosen id exists in the reference tables.
func (a *App) parseCandidateForm(c *gin.Context, ref storage.Reference) (domain.CandidateInput, domain.CandidateData, domain.FieldErrors) {
	in := candidateInputFrom(c)
	today := domain.DateOf(time.Now().In(domain.Jakarta))
	data, errs := domain.ParseCandidateInput(in, today)
	checkReferences(data, ref, errs)
	if data.PositionType == "" && errs["position_id"] == "" {
		// The position's own type is the natural default when the form leaves it empty.
		for _, p := range ref.Positions {
			if p.ID == data.PositionID {
				data.PositionType = p.PositionType
			}
		}
	}
	if in.DomicileSameAsKTP {
		in.AddressDomicile = in.AddressKTP
	}
	return in, data, errs
}

// checkReferences adds a field error for every id that names no row of its reference table, which
// only a tampered or outdated form sends.
func checkReferences(d domain.CandidateData, ref storage.Reference, errs domain.FieldErrors) {
	known := func(id int64, ids []int64) bool {
		if id == 0 {
			return true
		}
		for _, v := range ids {
			if v == id {
				return true
			}
		}
		return false
	}
	var religions, levels, classifications, salaries, positions []int64
	for _, r := range ref.Religions {
		religions = append(religions, r.ID)
	}
	for _, l := range ref.EducationLevels {
		levels = append(levels, l.ID)
	}
	for _, r := range ref.Classifications {
		classifications = append(classifications, r.ID)
	}
	for _, s := range ref.SalaryStandards {
		salaries = append(salaries, s.ID)
	}
	for _, p := range ref.Positions {
		positions = append(positions, p.ID)
	}
	checks := []struct {
		field string
		id    int64
		ids   []int64
	}{
		{"religion_id", d.ReligionID, religions},
		{"education_level_id", d.EducationLevelID, levels},
		{"applied_education_level_id", d.AppliedEducationLevelID, levels},
		{"classification_id", d.ClassificationID, classifications},
		{"salary_standard_id", d.SalaryStandardID, salaries},
		{"position_id", d.PositionID, positions},
	}
	for _, ch := range checks {
		if !known(ch.id, ch.ids) {
			errs.Add(ch.field, "pilihan tidak dikenal; muat ulang halaman lalu pilih lagi")
		}
	}
}

// msgFormInvalid heads a form that has field errors.
const msgFormInvalid = "Data belum tersimpan. Perbaiki isian yang ditandai merah."

// duplicateNIKMessage explains where a NIK is already active. An agency learns where only when it
// is its own register or proposal; another agency's data is never revealed to it.
func duplicateNIKMessage(dup *storage.DuplicateNIKError, agencyID, proposalID int64) string {
	switch {
	case dup.AgencyID != agencyID:
		return "NIK sudah terdaftar aktif di register atau usulan OPD lain"
	case dup.InRegister:
		return "NIK sudah terdaftar aktif di register pegawai OPD ini"
	case dup.ProposalID == proposalID:
		return "NIK sudah dipakai calon lain dalam usulan ini"
	}
	return fmt.Sprintf("NIK sudah tercantum pada usulan #%d milik OPD ini", dup.ProposalID)
}

// storedCandidate converts checked form data into a candidates row.
func storedCandidate(d domain.CandidateData) storage.Candidate {
	nullID := func(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
	return storage.Candidate{
		NIK: d.NIK, FamilyCardNumber: d.FamilyCardNumber, FullName: d.FullName,
		TitlePrefix: d.TitlePrefix, TitleSuffix: d.TitleSuffix, BirthPlace: d.BirthPlace, BirthDate: d.BirthDate,
		ReligionID: nullID(d.ReligionID), Sex: d.Sex, MaritalStatus: d.MaritalStatus, BloodType: d.BloodType,
		AddressKTP: d.AddressKTP, AddressDomicile: d.AddressDomicile, Email: d.Email, Phone: d.Phone, NPWP: d.NPWP,
		EducationLevelID: nullID(d.EducationLevelID), EducationMajor: d.EducationMajor,
		EducationInstitution:    d.EducationInstitution,
		GraduationYear:          sql.NullInt32{Int32: int32(d.GraduationYear), Valid: d.GraduationYear != 0},
		AppliedEducationLevelID: nullID(d.AppliedEducationLevelID), AppliedEducationMajor: d.AppliedEducationMajor,
		ClassificationID: nullID(d.ClassificationID), SalaryStandardID: nullID(d.SalaryStandardID),
		PositionID: nullID(d.PositionID), PositionType: d.PositionType, StartDate: d.StartDate,
	}
}

// candidateData converts a stored candidate back into domain data, for the completeness check
// and the NIK warnings.
func candidateData(c storage.Candidate) domain.CandidateData {
	return domain.CandidateData{
		NIK: c.NIK, FamilyCardNumber: c.FamilyCardNumber, TitlePrefix: c.TitlePrefix, FullName: c.FullName,
		TitleSuffix: c.TitleSuffix, BirthPlace: c.BirthPlace, BirthDate: c.BirthDate, ReligionID: c.ReligionID.Int64,
		Sex: c.Sex, MaritalStatus: c.MaritalStatus, BloodType: c.BloodType, AddressKTP: c.AddressKTP,
		AddressDomicile: c.AddressDomicile, Email: c.Email, Phone: c.Phone, NPWP: c.NPWP,
		EducationLevelID: c.EducationLevelID.Int64, EducationMajor: c.EducationMajor,
		EducationInstitution: c.EducationInstitution, GraduationYear: int(c.GraduationYear.Int32),
		AppliedEducationLevelID: c.AppliedEducationLevelID.Int64, AppliedEducationMajor: c.AppliedEducationMajor,
		ClassificationID: c.ClassificationID.Int64, SalaryStandardID: c.SalaryStandardID.Int64,
		PositionID: c.PositionID.Int64, PositionType: c.PositionType, StartDate: c.StartDate,
	}
}

// candidateInput fills the form from a stored candidate.
func candidateInput(c storage.Candidate) domain.CandidateInput {
	id := func(n sql.NullInt64) string {
		if !n.Valid {
			return ""
		}
		return strconv.FormatInt(n.Int64, 10)
	}
	year := ""
	if c.GraduationYear.Valid {
		year = strconv.Itoa(int(c.GraduationYear.Int32))
	}
	return domain.CandidateInput{
		NIK: c.NIK, FamilyCardNumber: c.FamilyCardNumber, TitlePrefix: c.TitlePrefix, FullName: c.FullName,
		TitleSuffix: c.TitleSuffix, BirthPlace: c.BirthPlace, BirthDate: c.BirthDate.String(),
		ReligionID: id(c.ReligionID), Sex: c.Sex, MaritalStatus: c.MaritalStatus, BloodType: c.BloodType,
		AddressKTP: c.AddressKTP, AddressDomicile: c.AddressDomicile, Email: c.Email, Phone: c.Phone, NPWP: c.NPWP,
		EducationLevelID: id(c.EducationLevelID), EducationMajor: c.EducationMajor,
		EducationInstitution: c.EducationInstitution, GraduationYear: year,
		AppliedEducationLevelID: id(c.AppliedEducationLevelID), AppliedEducationMajor: c.AppliedEducationMajor,
		ClassificationID: id(c.ClassificationID), SalaryStandardID: id(c.SalaryStandardID),
		PositionID: id(c.PositionID), PositionType: c.PositionType, StartDate: c.StartDate.String(),
	}
}

// uploadSlot is one document of a candidate: the current file and, while the proposal is
// editable, the form that uploads a new version.
type uploadSlot struct {
	CandidateID int64
	Kind        string
	Label       string
	Current     *storage.Document
	// Accept is the file input's accept attribute; MaxBytes its data-max-bytes, checked in the
	// browser before sending.
	Accept   string
	MaxBytes int64
	Hint     string
	Error    string
	Editable bool
}

// acceptFor returns which content types a document kind takes.
func acceptFor(kind string) upload.Accept {
	if kind == storage.DocPhoto || kind == storage.DocSpousePhoto {
		return upload.AcceptImage
	}
	return upload.AcceptPDFOrScan
}

// newUploadSlot describes the slot of kind for a candidate, with the current document if any.
func (a *App) newUploadSlot(candidateID int64, kind string, current *storage.Document, editable bool) uploadSlot {
	slot := uploadSlot{CandidateID: candidateID, Kind: kind, Label: storage.DocumentLabel(kind), Current: current, Editable: editable}
	if acceptFor(kind) == upload.AcceptImage {
		slot.Accept = "image/jpeg,image/png,.jpg,.jpeg,.png"
		slot.MaxBytes = a.Limits.ImageBytes
		slot.Hint = "Foto JPG atau PNG, paling besar " + upload.FormatSize(a.Limits.ImageBytes) + "."
	} else {
		slot.Accept = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
		slot.MaxBytes = a.Limits.Max()
		slot.Hint = "PDF paling besar " + upload.FormatSize(a.Limits.PDFBytes) + ", atau hasil pindai JPG/PNG paling besar " +
			upload.FormatSize(a.Limits.ImageBytes) + "."
	}
	return slot
}

// candidateSlotKinds lists the document kinds a candidate uploads: the spouse's photo only when
// the candidate is married.
func candidateSlotKinds(maritalStatus string) []string {
	var kinds []string
	for _, kind := range storage.CandidateDocumentKinds {
		if kind == storage.DocSpousePhoto && !domain.SpousePhotoRequired(maritalStatus) {
			continue
		}
		kinds = append(kinds, kind)
	}
	return kinds
}

// editCandidatePage builds the page of a saved candidate with its current documents.
func (a *App) editCandidatePage(c *gin.Context, cand storage.Candidate, p storage.Proposal) (candidatePage, error) {
	ctx := c.Request.Context()
	ref, err := a.Store.LoadReference(ctx)
	if err != nil {
		return candidatePage{}, err
	}
	docs, err := a.Store.CandidateDocuments(ctx, cand.ID)
	if err != nil {
		return candidatePage{}, err
	}
	editable := p.Status.EditableByAgency()
	page := candidatePage{
		Base:        a.base(c, candidateTitle(cand), "proposals"),
		Proposal:    p,
		CandidateID: cand.ID,
		Version:     cand.Version,
		Input:       candidateInput(cand),
		Errors:      domain.FieldErrors{},
		Warnings:    candidateData(cand).Warnings(),
		Editable:    editable,
		Ref:         ref,
		Decision:    cand.Decision,
		Reason:      cand.DecisionReason,
	}
	for _, kind := range candidateSlotKinds(cand.MaritalStatus) {
		var current *storage.Document
		if d, ok := docs[kind]; ok {
			current = &d
		}
		page.Slots = append(page.Slots, a.newUploadSlot(cand.ID, kind, current, editable))
	}
	return page, nil
}

func candidateTitle(cand storage.Candidate) string {
	if cand.FullName == "" {
		return "Calon pegawai"
	}
	return domain.FullNameWithTitles(cand.TitlePrefix, cand.FullName, cand.TitleSuffix)
}

// candidateSaveError turns a storage error of a candidate save into a field error on the page when
// it is the user's to fix (a duplicate NIK), or into the error to return otherwise.
func candidateSaveError(c *gin.Context, err error, page *candidatePage, agencyID int64) error {
	var dup *storage.DuplicateNIKError
	var conflict *storage.ConflictError
	switch {
	case errors.As(err, &dup):
		// The NIK itself is never logged; where it is active is enough to follow a complaint up.
		requestLogger(c).Info("candidate save rejected: NIK active elsewhere", "proposal_id", page.Proposal.ID,
			"candidate_id", page.CandidateID, "active_agency_id", dup.AgencyID, "in_register", dup.InRegister,
			"active_proposal_id", dup.ProposalID)
		page.Errors.Add("nik", duplicateNIKMessage(dup, agencyID, page.Proposal.ID))
		page.FormError = msgFormInvalid
		return nil
	case errors.As(err, &conflict):
		return errConflict(conflict.Message())
	case errors.Is(err, storage.ErrNotEditable):
		return errConflict(msgNotEditable)
	}
	return err
}

// CurrentSize returns the current document's size for the slot, as formatFileSize writes it.
func (s uploadSlot) CurrentSize() string {
	if s.Current == nil {
		return ""
	}
	return formatFileSize(s.Current.SizeBytes)
}

// formatFileSize writes a byte count the Indonesian way, with a decimal comma: "245 KB", "1,2 MB".
func formatFileSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", max(1, (n+512)>>10))
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
}
