package handlers

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
	"sinop/upload"
)

// testNIK returns a valid Sidoarjo NIK (35 15 ..) for the n-th test person, born 1 May 1995.
func testNIK(n int, female bool) string {
	day := 1
	if female {
		day += 40
	}
	return fmt.Sprintf("351501%02d0595%04d", day, n+1)
}

// refID returns the id of the named reference row, failing the test when it is missing.
func (ta *testApp) refID(table, column, value string) int64 {
	ta.t.Helper()
	var id int64
	if err := ta.store.DB.Get(&id, fmt.Sprintf(`SELECT id FROM %s WHERE %s = $1`, table, column), value); err != nil {
		ta.t.Fatalf("reference %s %s=%q: %v", table, column, value, err)
	}
	return id
}

// createLetter inserts a recommendation letter for the agency with one requirement: Perawat,
// minimum D3, major Keperawatan, count = quota.
func (ta *testApp) createLetter(agencyID int64, number string, quota int) int64 {
	ta.t.Helper()
	ctx := context.Background()
	var id int64
	err := ta.store.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = ta.store.InsertRecommendation(ctx, tx, storage.Recommendation{
			AgencyID: agencyID, Number: number, LetterDate: domain.NewDate(2026, time.March, 2),
			Year: 2026, Quota: quota, CreatedBy: ta.userIDs["bkd"],
		}, []storage.Requirement{{
			PositionID:          ta.refID("positions", "name", "Perawat"),
			MinEducationLevelID: ta.refID("education_levels", "code", "D3"),
			Major:               "Keperawatan",
			Count:               quota,
		}})
		return err
	})
	if err != nil {
		ta.t.Fatalf("create letter: %v", err)
	}
	return id
}

// createProposal starts a draft proposal as the agency's admin.
func (ta *testApp) createProposal(agencyID, letterID int64, username string) int64 {
	ta.t.Helper()
	id, err := ta.store.CreateProposal(context.Background(), agencyID, letterID, ta.userIDs[username])
	if err != nil {
		ta.t.Fatalf("create proposal: %v", err)
	}
	return id
}

// completeCandidate returns a candidate with every required field filled: a married female nurse
// with a D3 in Keperawatan.
func (ta *testApp) completeCandidate(proposalID int64, n int, name string) storage.Candidate {
	ta.t.Helper()
	nullID := func(table, column, value string) sql.NullInt64 {
		return sql.NullInt64{Int64: ta.refID(table, column, value), Valid: true}
	}
	return storage.Candidate{
		ProposalID: proposalID, NIK: testNIK(n, true), FamilyCardNumber: fmt.Sprintf("35150112%08d", n+1),
		FullName: name, TitleSuffix: "A.Md.Kep", BirthPlace: "Sidoarjo",
		BirthDate: domain.NewDate(1995, time.May, 1), ReligionID: nullID("religions", "name", "Islam"),
		Sex: domain.SexFemale, MaritalStatus: domain.MaritalMarried, BloodType: "O+",
		AddressKTP: "Jl. Mawar 1, Sidoarjo", AddressDomicile: "Jl. Mawar 1, Sidoarjo",
		EducationLevelID: nullID("education_levels", "code", "D3"), EducationMajor: "Keperawatan",
		EducationInstitution: "Poltekkes Surabaya", GraduationYear: sql.NullInt32{Int32: 2017, Valid: true},
		AppliedEducationLevelID: nullID("education_levels", "code", "D3"), AppliedEducationMajor: "Keperawatan",
		ClassificationID: nullID("employee_classifications", "name", "Tenaga Kesehatan"),
		SalaryStandardID: nullID("salary_standards", "name", "Standar III (Diploma)"),
		PositionID:       nullID("positions", "name", "Perawat"), PositionType: "fungsional",
		StartDate: domain.NewDate(2026, time.July, 1), CreatedBy: ta.userIDs["opd-a"],
	}
}

// insertCandidate stores a candidate directly, without documents.
func (ta *testApp) insertCandidate(c storage.Candidate) int64 {
	ta.t.Helper()
	ctx := context.Background()
	var id int64
	err := ta.store.InTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = storage.InsertCandidate(ctx, tx, c)
		return err
	})
	if err != nil {
		ta.t.Fatalf("insert candidate: %v", err)
	}
	return id
}

// attachDocuments stores the six candidate documents from the sample files in testdata.
func (ta *testApp) attachDocuments(candidateID int64) {
	ta.t.Helper()
	files := map[string]string{
		storage.DocPhoto: "foto-diri.jpg", storage.DocSpousePhoto: "foto-pasangan.png",
		storage.DocKTP: "ktp-scan.jpg", storage.DocKK: "kk-scan.png",
		storage.DocDiploma: "ijazah-scan.pdf", storage.DocFirstPK: "pk-pertama.pdf",
	}
	for _, kind := range storage.CandidateDocumentKinds {
		ta.attachDocument(candidateID, kind, files[kind])
	}
}

func (ta *testApp) attachDocument(candidateID int64, kind, sharedName string) storage.Document {
	ta.t.Helper()
	f, err := os.Open(testenv.TestFile(ta.t, sharedName))
	if err != nil {
		ta.t.Fatal(err)
	}
	defer f.Close()
	spooled, err := upload.Receive(f, sharedName, upload.AcceptPDFOrScan, ta.app.Limits)
	if err != nil {
		ta.t.Fatalf("receive %s: %v", sharedName, err)
	}
	defer spooled.Close()
	ctx := context.Background()
	doc, err := ta.app.storeDocument(ctx, spooled, kind, ta.userIDs["opd-a"], func(tx *sqlx.Tx, d storage.Document) error {
		return storage.LinkCandidateDocument(ctx, tx, candidateID, d)
	})
	if err != nil {
		ta.t.Fatalf("store %s: %v", sharedName, err)
	}
	return doc
}
