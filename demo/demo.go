// Package demo loads a realistic, invented demo data set for trying SINOP out.
package demo

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"os"

	"github.com/jmoiron/sqlx"

	"sinop/domain"
	"sinop/storage"
)

// lockKey names the PostgreSQL advisory lock that keeps two demo loads from running at once. The
// number is arbitrary: sharing it with another lock would only make one of them wait.
const lockKey = 7_461_001

// Load inserts the demo data in one transaction: agencies, reference data, the accounts
// superadmin, bkd and opd, two recommendation letters with their PDFs, a submitted proposal with
// complete candidates and documents, and a draft proposal. It changes nothing when the user
// superadmin exists (the demo is already loaded) or when the database holds other agencies or
// users, so demo rows never mix with real data. Objects stored before a failed transaction are
// removed again. Load writes what it did to out.
func Load(ctx context.Context, store *storage.Store, objects *storage.Objects, out io.Writer) error {
	l := &loader{ctx: ctx, store: store, objects: objects}
	var state databaseState
	err := store.InTx(ctx, func(tx *sqlx.Tx) error {
		l.tx = tx
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
			return fmt.Errorf("lock demo load: %w", err)
		}
		var err error
		if state, err = readState(ctx, tx); err != nil || !state.empty() {
			return err
		}
		return l.load()
	})
	if err != nil {
		return errors.Join(fmt.Errorf("load demo: %w", err), l.removeObjects())
	}

	url := siteURL(os.Getenv("LISTEN_ADDR"))
	switch {
	case state.Superadmin:
		fmt.Fprintf(out, "Demo data already loaded (user superadmin exists); nothing changed.\nOpen %s\n", url)
	case !state.empty():
		fmt.Fprintf(out, "Demo data not loaded: the database already holds %d agencies and %d users, "+
			"and the demo loads only into an empty one. Nothing changed.\n", state.Agencies, state.Users)
	default:
		l.report(out, url)
	}
	return nil
}

// databaseState is the state of the database that decides whether Load inserts anything.
type databaseState struct {
	Superadmin bool `db:"superadmin"`
	Agencies   int  `db:"agencies"`
	Users      int  `db:"users"`
}

func (s databaseState) empty() bool { return !s.Superadmin && s.Agencies == 0 && s.Users == 0 }

func readState(ctx context.Context, tx *sqlx.Tx) (databaseState, error) {
	var s databaseState
	err := tx.GetContext(ctx, &s, `
		SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = 'superadmin') AS superadmin,
		       (SELECT count(*) FROM agencies) AS agencies,
		       (SELECT count(*) FROM users) AS users`)
	if err != nil {
		return databaseState{}, fmt.Errorf("check for existing data: %w", err)
	}
	return s, nil
}

// siteURL turns LISTEN_ADDR into the address a browser on the same machine opens.
func siteURL(listen string) string {
	if listen == "" {
		listen = "127.0.0.1:8080"
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://" + listen + "/"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// loader carries the transaction and the ids of rows inserted so far.
type loader struct {
	ctx     context.Context
	tx      *sqlx.Tx
	store   *storage.Store
	objects *storage.Objects

	// keys are the objects stored so far, removed again when the transaction fails.
	keys []string

	agencyIDs map[string]int64 // by code
	userIDs   map[string]int64 // by username
	ref       referenceIDs

	letterIDs  []int64
	candidates int
	documents  int
}

// referenceIDs maps reference rows' names (education levels by code) to their ids.
type referenceIDs struct {
	religions, levels, classifications, salaries, positions map[string]int64
	positionTypes                                           map[string]string
}

func (l *loader) load() error {
	if err := insertReference(l.ctx, l.tx); err != nil {
		return err
	}
	if err := l.readReference(); err != nil {
		return err
	}
	if err := l.insertAgencies(); err != nil {
		return err
	}
	if err := l.insertAccounts(); err != nil {
		return err
	}
	for _, lt := range letters {
		if err := l.insertLetter(lt); err != nil {
			return err
		}
	}
	return l.insertProposals()
}

func (l *loader) readReference() error {
	queries := []struct {
		dest *map[string]int64
		sql  string
	}{
		{&l.ref.religions, `SELECT name, id FROM religions`},
		{&l.ref.levels, `SELECT code AS name, id FROM education_levels`},
		{&l.ref.classifications, `SELECT name, id FROM employee_classifications`},
		{&l.ref.salaries, `SELECT name, id FROM salary_standards`},
		{&l.ref.positions, `SELECT name, id FROM positions`},
	}
	for _, q := range queries {
		var rows []struct {
			Name string `db:"name"`
			ID   int64  `db:"id"`
		}
		if err := l.tx.SelectContext(l.ctx, &rows, q.sql); err != nil {
			return fmt.Errorf("read reference data: %w", err)
		}
		*q.dest = make(map[string]int64, len(rows))
		for _, r := range rows {
			(*q.dest)[r.Name] = r.ID
		}
	}
	var types []storage.Position
	if err := l.tx.SelectContext(l.ctx, &types, `SELECT id, name, position_type FROM positions`); err != nil {
		return fmt.Errorf("read position types: %w", err)
	}
	l.ref.positionTypes = make(map[string]string, len(types))
	for _, p := range types {
		l.ref.positionTypes[p.Name] = p.PositionType
	}
	return nil
}

func (l *loader) insertAgencies() error {
	l.agencyIDs = make(map[string]int64, len(agencies))
	for _, a := range agencies {
		id, err := storage.InsertAgency(l.ctx, l.tx, a)
		if err != nil {
			return err
		}
		l.agencyIDs[a.Code] = id
	}
	return nil
}

func (l *loader) insertAccounts() error {
	l.userIDs = make(map[string]int64, len(accounts))
	for _, a := range accounts {
		id, err := storage.InsertUser(l.ctx, l.tx, storage.NewUser{
			Username: a.Username, FullName: a.FullName, Password: Password, Role: a.Role,
			AgencyID: l.agencyIDs[a.AgencyCode],
		})
		if err != nil {
			return fmt.Errorf("create user %s: %w", a.Username, err)
		}
		l.userIDs[a.Username] = id
	}
	return nil
}

func (l *loader) insertLetter(lt letter) error {
	doc, err := l.storeFile(storage.DocRecommendation, letterFile(lt, agencyName(lt.AgencyCode)), l.userIDs["bkd"])
	if err != nil {
		return err
	}
	reqs := make([]storage.Requirement, 0, len(lt.Requirements))
	for _, q := range lt.Requirements {
		position, err := lookup(l.ref.positions, "position", q.Position)
		if err != nil {
			return err
		}
		level, err := lookup(l.ref.levels, "education level", q.MinLevel)
		if err != nil {
			return err
		}
		reqs = append(reqs, storage.Requirement{PositionID: position, MinEducationLevelID: level, Major: q.Major, Count: q.Count})
	}
	id, err := l.store.InsertRecommendation(l.ctx, l.tx, storage.Recommendation{
		AgencyID: l.agencyIDs[lt.AgencyCode], Number: lt.Number, LetterDate: lt.Date, Year: lt.Year, Quota: lt.Quota,
		DocumentID: sql.NullInt64{Int64: doc.ID, Valid: true}, CreatedBy: l.userIDs["bkd"],
	}, reqs)
	if err != nil {
		return fmt.Errorf("insert letter %s: %w", lt.Number, err)
	}
	l.letterIDs = append(l.letterIDs, id)
	return nil
}

// insertProposals creates, as the agency admin opd, a proposal that it submits and a draft, both
// under the first letter. Their creation is dated a few days back so the timeline reads naturally.
func (l *loader) insertProposals() error {
	agencyID := l.agencyIDs[letters[0].AgencyCode]
	opd := l.userIDs["opd"]

	submitted, err := storage.InsertProposal(l.ctx, l.tx, agencyID, l.letterIDs[0], opd)
	if err != nil {
		return err
	}
	if err := l.insertPeople(submitted, submittedPeople); err != nil {
		return err
	}
	_, err = l.store.TransitionProposalInTx(l.ctx, l.tx, storage.TransitionRequest{
		ProposalID: submitted, Version: 1, Actor: storage.Actor{ID: opd, Role: domain.RoleOPD}, Action: domain.ActionSubmit,
	}, nil)
	if err != nil {
		return fmt.Errorf("submit demo proposal: %w", err)
	}
	if err := l.backdateCreation(submitted, "3 days 4 hours"); err != nil {
		return err
	}

	draft, err := storage.InsertProposal(l.ctx, l.tx, agencyID, l.letterIDs[0], opd)
	if err != nil {
		return err
	}
	if err := l.insertPeople(draft, draftPeople); err != nil {
		return err
	}
	return l.backdateCreation(draft, "1 day 2 hours")
}

func (l *loader) backdateCreation(proposalID int64, ago string) error {
	if _, err := l.tx.ExecContext(l.ctx, `UPDATE proposals SET created_at = created_at - $2::interval WHERE id = $1`,
		proposalID, ago); err != nil {
		return fmt.Errorf("date demo proposal: %w", err)
	}
	if _, err := l.tx.ExecContext(l.ctx, `
		UPDATE proposal_events SET created_at = created_at - $2::interval WHERE proposal_id = $1 AND action = 'create'`,
		proposalID, ago); err != nil {
		return fmt.Errorf("date demo proposal event: %w", err)
	}
	return nil
}

func (l *loader) insertPeople(proposalID int64, people []person) error {
	opd := l.userIDs["opd"]
	for _, p := range people {
		c, err := l.candidate(proposalID, p)
		if err != nil {
			return err
		}
		id, err := storage.InsertCandidate(l.ctx, l.tx, c)
		if err != nil {
			return fmt.Errorf("insert candidate %s: %w", p.Name, err)
		}
		l.candidates++
		for _, kind := range p.Documents {
			file, err := personFile(p, kind, p.Position, agencyName(letters[0].AgencyCode))
			if err != nil {
				return err
			}
			doc, err := l.storeFile(kind, file, opd)
			if err != nil {
				return err
			}
			if err := storage.LinkCandidateDocument(l.ctx, l.tx, id, doc); err != nil {
				return err
			}
		}
	}
	return nil
}

// candidate converts a demo person to a candidate row, looking up reference ids by name.
func (l *loader) candidate(proposalID int64, p person) (storage.Candidate, error) {
	c := storage.Candidate{
		ProposalID: proposalID, NIK: p.NIK, FamilyCardNumber: p.FamilyCard,
		FullName: p.Name, TitlePrefix: p.Prefix, TitleSuffix: p.Suffix,
		BirthPlace: p.BirthPlace, BirthDate: p.BirthDate, Sex: p.Sex, MaritalStatus: p.Marital, BloodType: p.Blood,
		AddressKTP: p.AddressKTP, AddressDomicile: p.AddressDomicile, Email: p.Email, Phone: p.Phone, NPWP: p.NPWP,
		EducationMajor: p.Major, EducationInstitution: p.Institution, AppliedEducationMajor: p.AppliedMajor,
		PositionType: l.ref.positionTypes[p.Position], StartDate: p.StartDate, CreatedBy: l.userIDs["opd"],
	}
	if p.GraduationYear != 0 {
		c.GraduationYear = sql.NullInt32{Int32: int32(p.GraduationYear), Valid: true}
	}
	ids := []struct {
		dest  *sql.NullInt64
		table map[string]int64
		what  string
		name  string
	}{
		{&c.ReligionID, l.ref.religions, "religion", p.Religion},
		{&c.EducationLevelID, l.ref.levels, "education level", p.Level},
		{&c.AppliedEducationLevelID, l.ref.levels, "education level", p.AppliedLevel},
		{&c.ClassificationID, l.ref.classifications, "classification", p.Classification},
		{&c.SalaryStandardID, l.ref.salaries, "salary standard", p.Salary},
		{&c.PositionID, l.ref.positions, "position", p.Position},
	}
	for _, ref := range ids {
		if ref.name == "" {
			continue
		}
		id, err := lookup(ref.table, ref.what, ref.name)
		if err != nil {
			return storage.Candidate{}, err
		}
		*ref.dest = sql.NullInt64{Int64: id, Valid: true}
	}
	return c, nil
}

// storeFile puts a generated file into object storage and inserts its document row.
func (l *loader) storeFile(kind string, f generatedFile, uploadedBy int64) (storage.Document, error) {
	key := storage.NewObjectKey(kind)
	if err := l.objects.Put(l.ctx, key, bytes.NewReader(f.Data), int64(len(f.Data)), f.ContentType); err != nil {
		return storage.Document{}, err
	}
	l.keys = append(l.keys, key)
	doc, err := l.store.InsertDocument(l.ctx, l.tx, storage.Document{
		Kind: kind, ObjectKey: key, ContentType: f.ContentType, SizeBytes: int64(len(f.Data)),
		OriginalName: f.Name, UploadedBy: uploadedBy,
	})
	if err != nil {
		return storage.Document{}, err
	}
	l.documents++
	return doc, nil
}

// removeObjects deletes the objects stored by a load whose transaction failed.
func (l *loader) removeObjects() error {
	var errs []error
	// The caller's context may be what failed, so the clean-up gets one of its own.
	ctx := context.WithoutCancel(l.ctx)
	for _, key := range l.keys {
		if err := l.objects.Remove(ctx, key); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (l *loader) report(out io.Writer, url string) {
	fmt.Fprintf(out, "Demo data loaded: %d agencies, %d recommendation letters, 2 proposals (1 submitted, 1 draft), "+
		"%d candidates, %d documents.\n", len(agencies), len(l.letterIDs), l.candidates, l.documents)
	fmt.Fprintf(out, "Open %s and log in with one of these accounts, password %s:\n", url, Password)
	for _, a := range accounts {
		fmt.Fprintf(out, "  %-11s %-10s %s\n", a.Username, a.Role.Label(), a.Purpose)
	}
}

func lookup(ids map[string]int64, what, name string) (int64, error) {
	id, ok := ids[name]
	if !ok {
		return 0, fmt.Errorf("demo data names %s %q, which the reference data lacks", what, name)
	}
	return id, nil
}

func agencyName(code string) string {
	for _, a := range agencies {
		if a.Code == code {
			return a.Name
		}
	}
	return code
}
