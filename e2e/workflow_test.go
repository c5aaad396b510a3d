package e2e

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
)

// person is what the agency types into the candidate form.
type person struct {
	nik, kk, name, suffix, birthDate string
}

// TestBrowserAdmissionWorkflow walks an admission proposal from the agency through BKD and the
// superadmin into the register, with real files, the way the three roles click through it.
func TestBrowserAdmissionWorkflow(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	acceptConfirmDialogs(t, ctx)
	ref, err := s.store.LoadReference(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	letterID := s.createLetter(t, ref, 2)

	// The agency starts a proposal under the letter.
	s.login(t, ctx, "opd")
	run(t, ctx, "create proposal",
		chromedp.Navigate(s.url+"/proposals"),
		chromedp.SetValue(chromedp.CSS(`#new-proposal-form select[name=recommendation_id]`), strconv.FormatInt(letterID, 10)),
		chromedp.Click(chromedp.CSS(`#create-proposal`)),
		chromedp.WaitVisible(chromedp.CSS(`#add-candidate`)),
	)
	proposalID := idFromPath(t, location(t, ctx), "/proposals/")

	// One candidate was entered earlier; the agency now adds two more with every document, which
	// puts the proposal over the letter's quota of two.
	seeded := s.seedCandidate(t, ref, proposalID, "Siti Rahmawati", testNIK(90, true))
	agus := person{nik: "3515010505950001", kk: "3515011201000001", name: "Agus Santoso", suffix: "A.Md.Kep", birthDate: "1995-05-05"}
	dewi := person{nik: "3515014708960002", kk: "3515011201000002", name: "Dewi Lestari", suffix: "A.Md.Kep", birthDate: "1996-08-07"}
	for _, p := range []person{agus, dewi} {
		s.addCandidate(t, ctx, ref, proposalID, p)
	}

	run(t, ctx, "submit proposal",
		chromedp.Navigate(fmt.Sprintf("%s/proposals/%d", s.url, proposalID)),
		chromedp.Click(chromedp.CSS(`#submit-proposal`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-status="submitted"]`)),
	)
	if rows := count(t, ctx, `#candidate-table tbody tr`); rows != 3 {
		t.Fatalf("candidate rows after submit = %d, want 3", rows)
	}
	s.logout(t, ctx)

	// BKD sees the proposal over quota and returns it with a reason.
	s.login(t, ctx, "bkd")
	verificationURL := fmt.Sprintf("%s/verification/%d", s.url, proposalID)
	run(t, ctx, "open verification", chromedp.Navigate(verificationURL), chromedp.WaitVisible(chromedp.CSS(`#over-quota-notice`)))
	if got := text(t, ctx, `#quota-remaining`); got != "-1" {
		t.Errorf("remaining quota shown %q, want -1", got)
	}
	run(t, ctx, "return over quota",
		chromedp.SendKeys(chromedp.CSS(`#return-reason`), "Jumlah calon melebihi kuota surat rekomendasi (2 orang)."),
		chromedp.Click(chromedp.CSS(`#return-button`)),
		chromedp.WaitVisible(chromedp.CSS(`main .notice.success`)),
	)
	s.logout(t, ctx)

	// The agency reads the reason, removes one candidate and submits again.
	s.login(t, ctx, "opd")
	run(t, ctx, "open returned proposal",
		chromedp.Navigate(fmt.Sprintf("%s/proposals/%d", s.url, proposalID)),
		chromedp.WaitVisible(chromedp.CSS(`#return-reason`)),
	)
	if reason := text(t, ctx, `#return-reason`); !strings.Contains(reason, "melebihi kuota") {
		t.Errorf("return reason shown to the agency %q, want BKD's reason", reason)
	}
	dewiID := s.candidateID(t, proposalID, dewi.nik)
	run(t, ctx, "remove a candidate",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`tr[data-candidate-id="%d"] .remove-candidate button`, dewiID))),
		chromedp.WaitNotPresent(chromedp.CSS(fmt.Sprintf(`tr[data-candidate-id="%d"]`, dewiID))),
		chromedp.Click(chromedp.CSS(`#submit-proposal`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-status="submitted"]`)),
	)
	s.logout(t, ctx)

	// BKD accepts one row and rejects the other inline, without reloading the page.
	agusID := s.candidateID(t, proposalID, agus.nik)
	s.login(t, ctx, "bkd")
	run(t, ctx, "decide rows",
		chromedp.Navigate(verificationURL),
		chromedp.WaitVisible(chromedp.CSS(`#candidates-table`)),
		chromedp.Evaluate[chromedp.Void](`window.pageMarker = "same page"`),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#candidate-%d .accept-button`, agusID))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#candidate-%d[data-decision="accepted"]`, agusID))),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#candidate-%d details.reject summary`, seeded))),
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`#reject-reason-%d`, seeded)), "Ijazah tidak sesuai syarat jurusan Keperawatan."),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#candidate-%d .reject-button`, seeded))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#candidate-%d[data-decision="rejected"]`, seeded))),
	)
	if marker := evaluate[string](t, ctx, `window.pageMarker || ""`); marker != "same page" {
		t.Error("the page reloaded while deciding rows; rows must swap in place")
	}
	run(t, ctx, "send to superadmin",
		settled(),
		chromedp.WaitEnabled(chromedp.CSS(`#send-button`)),
		chromedp.Click(chromedp.CSS(`#send-button`)),
		chromedp.WaitVisible(chromedp.CSS(`main .notice.success`)),
	)
	s.logout(t, ctx)

	// The superadmin returns it once with a correction on one row.
	s.login(t, ctx, "superadmin")
	reviewURL := fmt.Sprintf("%s/review/%d", s.url, proposalID)
	run(t, ctx, "return to BKD",
		chromedp.Navigate(reviewURL),
		chromedp.WaitVisible(chromedp.CSS(`#review-actions`)),
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`#correction-%d`, agusID)), "Periksa kembali tanggal TMT pada SK."),
		chromedp.SendKeys(chromedp.CSS(`#review-reason`), "Ada satu calon yang perlu diperiksa ulang."),
		chromedp.Click(chromedp.CSS(`#review-return-button`)),
		chromedp.WaitVisible(chromedp.CSS(`main .notice.success`)),
	)
	s.logout(t, ctx)

	// BKD sees the correction, confirms its decision and sends again.
	s.login(t, ctx, "bkd")
	run(t, ctx, "open corrected proposal",
		chromedp.Navigate(verificationURL),
		chromedp.WaitVisible(chromedp.CSS(`#superadmin-reason`)),
	)
	if row := text(t, ctx, fmt.Sprintf(`#candidate-%d`, agusID)); !strings.Contains(row, "Periksa kembali tanggal TMT") {
		t.Errorf("row of the corrected candidate %q lacks the superadmin's correction", row)
	}
	run(t, ctx, "resend",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#candidate-%d .accept-button`, agusID))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#candidate-%d[data-decision="accepted"]`, agusID))),
		settled(),
		chromedp.WaitEnabled(chromedp.CSS(`#send-button`)),
		chromedp.Click(chromedp.CSS(`#send-button`)),
		chromedp.WaitVisible(chromedp.CSS(`main .notice.success`)),
	)
	s.logout(t, ctx)

	// The superadmin approves.
	s.login(t, ctx, "superadmin")
	run(t, ctx, "approve",
		chromedp.Navigate(reviewURL),
		chromedp.Click(chromedp.CSS(`#review-approve-button`)),
		chromedp.WaitVisible(chromedp.CSS(`main .notice.success`)),
	)
	s.logout(t, ctx)

	// The agency finds the accepted person in the register, the rejected one in Hasil Evaluasi
	// with BKD's reason, and opens the uploaded diploma from the register.
	s.login(t, ctx, "opd")
	run(t, ctx, "register", chromedp.Navigate(s.url+"/employees"), chromedp.WaitVisible(chromedp.CSS(`#employee-table`)))
	if register := text(t, ctx, `#employee-table`); !strings.Contains(register, "Agus Santoso") || strings.Contains(register, "Siti Rahmawati") {
		t.Errorf("register %q, want Agus Santoso and not Siti Rahmawati", register)
	}
	run(t, ctx, "evaluations", chromedp.Navigate(s.url+"/evaluations"), chromedp.WaitVisible(chromedp.CSS(`#evaluation-table`)))
	evaluation := text(t, ctx, `#evaluation-table`)
	if !strings.Contains(evaluation, "Siti Rahmawati") || !strings.Contains(evaluation, "Ijazah tidak sesuai syarat jurusan") {
		t.Errorf("Hasil Evaluasi %q, want Siti Rahmawati with BKD's reason", evaluation)
	}

	run(t, ctx, "open employee",
		chromedp.Navigate(s.url+"/employees"),
		chromedp.Click(chromedp.CSS(`#employee-table tbody tr a`)),
		chromedp.WaitVisible(chromedp.CSS(`#employee-documents`)),
	)
	diplomaURL := evaluate[string](t, ctx, `(Array.from(document.querySelectorAll('#employee-documents tr'))
		.find(tr => tr.textContent.includes('Ijazah')) || {querySelector: () => null}).querySelector('a.document-link')?.href || ""`)
	if diplomaURL == "" {
		t.Fatal("no diploma link in the employee's documents")
	}
	opened := evaluate[string](t, ctx, fmt.Sprintf(`fetch(%q).then(async r => r.status + " " + r.headers.get("content-type") + " " +
		new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)))`, diplomaURL), chromedp.EvalAwaitPromise)
	if opened != "200 application/pdf %PDF-" {
		t.Errorf("diploma from the register answered %q, want 200 application/pdf %%PDF-", opened)
	}
	diploma, err := os.ReadFile(testenv.TestFile(t, "ijazah-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	size := evaluate[int](t, ctx, fmt.Sprintf(`fetch(%q).then(r => r.arrayBuffer()).then(b => b.byteLength)`, diplomaURL), chromedp.EvalAwaitPromise)
	if size != len(diploma) {
		t.Errorf("diploma served with %d bytes, want the uploaded %d", size, len(diploma))
	}

	// The proposal's timeline shows every transition.
	run(t, ctx, "timeline", chromedp.Navigate(fmt.Sprintf("%s/proposals/%d", s.url, proposalID)), chromedp.WaitVisible(chromedp.CSS(`#timeline`)))
	timeline := text(t, ctx, `#timeline`)
	for _, a := range []domain.Action{domain.ActionSubmit, domain.ActionReturnToOPD, domain.ActionSendToSuperadmin,
		domain.ActionReturnToBKD, domain.ActionResend, domain.ActionApprove} {
		if !strings.Contains(timeline, a.Label()) {
			t.Errorf("timeline lacks %q", a.Label())
		}
	}
}

// acceptConfirmDialogs makes every confirm() return true, as a user who means the click would.
func acceptConfirmDialogs(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.confirm = () => true;`,
	})
	if err != nil {
		t.Fatalf("install confirm handler: %v", err)
	}
}

func evaluate[T any](t *testing.T, ctx context.Context, expression string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	stepCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(stepCtx, chromedp.Evaluate[T](expression, opts...))
	if err != nil {
		t.Fatalf("evaluate %q: %v", expression, err)
	}
	return v
}

func count(t *testing.T, ctx context.Context, css string) int {
	t.Helper()
	return evaluate[int](t, ctx, fmt.Sprintf(`document.querySelectorAll(%q).length`, css))
}

func idFromPath(t *testing.T, path, prefix string) int64 {
	t.Helper()
	rest := strings.TrimPrefix(path, prefix)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || !strings.HasPrefix(path, prefix) {
		t.Fatalf("path %q does not start with %s and an id", path, prefix)
	}
	return id
}

func testNIK(n int, female bool) string {
	day := 1
	if female {
		day += 40
	}
	return fmt.Sprintf("351501%02d0595%04d", day, n+1)
}

func refID[T any](t *testing.T, items []T, match func(T) bool, id func(T) int64) int64 {
	t.Helper()
	for _, it := range items {
		if match(it) {
			return id(it)
		}
	}
	t.Fatal("reference row not found")
	return 0
}

func positionID(t *testing.T, ref storage.Reference, name string) int64 {
	return refID(t, ref.Positions, func(p storage.Position) bool { return p.Name == name }, func(p storage.Position) int64 { return p.ID })
}

func levelID(t *testing.T, ref storage.Reference, code string) int64 {
	return refID(t, ref.EducationLevels, func(l storage.EducationLevel) bool { return l.Code == code },
		func(l storage.EducationLevel) int64 { return l.ID })
}

func religionID(t *testing.T, ref storage.Reference, name string) int64 {
	return refID(t, ref.Religions, func(r storage.RefItem) bool { return r.Name == name }, func(r storage.RefItem) int64 { return r.ID })
}

func classificationID(t *testing.T, ref storage.Reference, name string) int64 {
	return refID(t, ref.Classifications, func(r storage.RefItem) bool { return r.Name == name }, func(r storage.RefItem) int64 { return r.ID })
}

func salaryID(t *testing.T, ref storage.Reference, name string) int64 {
	return refID(t, ref.SalaryStandards, func(r storage.SalaryStandard) bool { return r.Name == name },
		func(r storage.SalaryStandard) int64 { return r.ID })
}

// createLetter records a letter for the agency: quota nurses with at least a D3 in Keperawatan.
func (s *site) createLetter(t *testing.T, ref storage.Reference, quota int) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := s.store.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = s.store.InsertRecommendation(ctx, tx, storage.Recommendation{
			AgencyID: s.agency.ID, Number: "800/1427/438.5.6/2026", LetterDate: domain.NewDate(2026, time.March, 2),
			Year: 2026, Quota: quota, CreatedBy: s.users["bkd"],
		}, []storage.Requirement{{PositionID: positionID(t, ref, "Perawat"), MinEducationLevelID: levelID(t, ref, "D3"),
			Major: "Keperawatan", Count: quota}})
		return err
	})
	if err != nil {
		t.Fatalf("create letter: %v", err)
	}
	return id
}

// seedCandidate stores a complete candidate with its six documents in the proposal, as if the
// agency had entered it earlier, and returns its id.
func (s *site) seedCandidate(t *testing.T, ref storage.Reference, proposalID int64, name, nik string) int64 {
	t.Helper()
	ctx := context.Background()
	id := func(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: true} }
	c := storage.Candidate{
		ProposalID: proposalID, NIK: nik, FamilyCardNumber: "3515011201000090", FullName: name, TitleSuffix: "S.Kep",
		BirthPlace: "Sidoarjo", BirthDate: domain.NewDate(1995, time.May, 1), ReligionID: id(religionID(t, ref, "Islam")),
		Sex: domain.SexFemale, MaritalStatus: domain.MaritalMarried, AddressKTP: "Jl. Kenanga 3, Candi",
		AddressDomicile: "Jl. Kenanga 3, Candi", EducationLevelID: id(levelID(t, ref, "S1")), EducationMajor: "Kesehatan Masyarakat",
		EducationInstitution: "Universitas Airlangga", GraduationYear: sql.NullInt32{Int32: 2018, Valid: true},
		AppliedEducationLevelID: id(levelID(t, ref, "S1")), AppliedEducationMajor: "Kesehatan Masyarakat",
		ClassificationID: id(classificationID(t, ref, "Tenaga Kesehatan")),
		SalaryStandardID: id(salaryID(t, ref, "Standar IV (Sarjana)")), PositionID: id(positionID(t, ref, "Perawat")),
		PositionType: "fungsional", StartDate: domain.NewDate(2026, time.July, 1), CreatedBy: s.users["opd"],
	}
	files := map[string][2]string{
		storage.DocPhoto: {"foto-diri.jpg", "image/jpeg"}, storage.DocSpousePhoto: {"foto-pasangan.png", "image/png"},
		storage.DocKTP: {"ktp-scan.jpg", "image/jpeg"}, storage.DocKK: {"kk-scan.png", "image/png"},
		storage.DocDiploma: {"ijazah-scan.pdf", "application/pdf"}, storage.DocFirstPK: {"pk-pertama.pdf", "application/pdf"},
	}
	var candidateID int64
	err := s.store.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		candidateID, err = storage.InsertCandidate(ctx, tx, c)
		if err != nil {
			return err
		}
		for kind, f := range files {
			content, err := os.ReadFile(testenv.TestFile(t, f[0]))
			if err != nil {
				return err
			}
			key := storage.NewObjectKey(kind)
			if err := s.objects.Put(ctx, key, bytes.NewReader(content), int64(len(content)), f[1]); err != nil {
				return err
			}
			doc, err := s.store.InsertDocument(ctx, tx, storage.Document{Kind: kind, ObjectKey: key, ContentType: f[1],
				SizeBytes: int64(len(content)), OriginalName: f[0], UploadedBy: s.users["opd"]})
			if err != nil {
				return err
			}
			if err := storage.LinkCandidateDocument(ctx, tx, candidateID, doc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed candidate: %v", err)
	}
	return candidateID
}

// candidateID finds a candidate of the proposal by NIK.
func (s *site) candidateID(t *testing.T, proposalID int64, nik string) int64 {
	t.Helper()
	var id int64
	if err := s.store.DB.Get(&id, `SELECT id FROM candidates WHERE proposal_id = $1 AND nik = $2`, proposalID, nik); err != nil {
		t.Fatalf("find candidate: %v", err)
	}
	return id
}

// addCandidate fills the candidate form with every field, saves it, and uploads the six documents.
func (s *site) addCandidate(t *testing.T, ctx context.Context, ref storage.Reference, proposalID int64, p person) {
	t.Helper()
	sel := func(name string) chromedp.CSS { return chromedp.CSS(`#candidate-form [name=` + name + `]`) }
	idText := func(v int64) string { return strconv.FormatInt(v, 10) }
	run(t, ctx, "fill candidate "+p.name,
		chromedp.Navigate(fmt.Sprintf("%s/proposals/%d/candidates/new", s.url, proposalID)),
		chromedp.WaitVisible(chromedp.CSS(`#candidate-form`)),
		chromedp.SendKeys(sel("nik"), p.nik),
		chromedp.SendKeys(sel("family_card_number"), p.kk),
		chromedp.SendKeys(sel("full_name"), p.name),
		chromedp.SendKeys(sel("title_suffix"), p.suffix),
		chromedp.SendKeys(sel("birth_place"), "Sidoarjo"),
		chromedp.SetValue(sel("birth_date"), p.birthDate),
		chromedp.SetValue(sel("religion_id"), idText(religionID(t, ref, "Islam"))),
		chromedp.SetValue(sel("sex"), sexOf(p.nik)),
		chromedp.SetValue(sel("marital_status"), domain.MaritalMarried),
		chromedp.SetValue(sel("blood_type"), "O+"),
		chromedp.SendKeys(sel("address_ktp"), "Jl. Raya Candi 12, Sidoarjo"),
		chromedp.SendKeys(sel("address_domicile"), "Jl. Raya Candi 12, Sidoarjo"),
		chromedp.SendKeys(sel("email"), strings.ToLower(strings.Fields(p.name)[0])+"@contoh.id"),
		chromedp.SendKeys(sel("phone"), "081234567890"),
		chromedp.SendKeys(sel("npwp"), "01.234.567.8-901.000"),
		chromedp.SetValue(sel("education_level_id"), idText(levelID(t, ref, "D3"))),
		chromedp.SendKeys(sel("education_major"), "Keperawatan"),
		chromedp.SendKeys(sel("education_institution"), "Poltekkes Kemenkes Surabaya"),
		chromedp.SendKeys(sel("graduation_year"), "2017"),
		chromedp.SetValue(sel("applied_education_level_id"), idText(levelID(t, ref, "D3"))),
		chromedp.SendKeys(sel("applied_education_major"), "Keperawatan"),
		chromedp.SetValue(sel("classification_id"), idText(classificationID(t, ref, "Tenaga Kesehatan"))),
		chromedp.SetValue(sel("salary_standard_id"), idText(salaryID(t, ref, "Standar III (Diploma)"))),
		chromedp.SetValue(sel("position_id"), idText(positionID(t, ref, "Perawat"))),
		chromedp.SetValue(sel("position_type"), "fungsional"),
		chromedp.SetValue(sel("start_date"), "2026-07-01"),
		chromedp.Click(chromedp.CSS(`#save-candidate`)),
		chromedp.WaitVisible(chromedp.CSS(`#documents`)),
	)
	files := map[string]string{
		storage.DocPhoto: "foto-diri.jpg", storage.DocSpousePhoto: "foto-pasangan.png", storage.DocKTP: "ktp-scan.jpg",
		storage.DocKK: "kk-scan.png", storage.DocDiploma: "ijazah-scan.pdf", storage.DocFirstPK: "pk-pertama.pdf",
	}
	for _, kind := range storage.CandidateDocumentKinds {
		run(t, ctx, "upload "+kind+" for "+p.name,
			chromedp.SetUploadFiles(chromedp.CSS(`#file-`+kind), []string{testenv.TestFile(t, files[kind])}),
			chromedp.Click(chromedp.CSS(`#upload-`+kind+` button`)),
			chromedp.WaitVisible(chromedp.CSS(`#slot-`+kind+` a.document-link`)),
		)
	}
}

// sexOf reads the sex from a NIK: women have 40 added to the day of birth.
func sexOf(nik string) string {
	if nik[6] >= '4' {
		return domain.SexFemale
	}
	return domain.SexMale
}
