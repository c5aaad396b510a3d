package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"sinop/config"
	"sinop/demo"
	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
)

// benchCandidates and the six documents each are the size of a large proposal.
const benchCandidates = 500

// BenchmarkVerificationPage renders BKD's page for a proposal of 500 candidates with six
// documents each, and reports the SQL statements one page takes. Run it with
//
//	scripts/services.sh go test -run '^$' -bench Verification ./handlers
func BenchmarkVerificationPage(b *testing.B) {
	ctx := context.Background()
	store := testenv.Store(b)
	objects, objCfg := testenv.Objects(b)
	if err := demo.LoadReference(ctx, store); err != nil {
		b.Fatalf("load reference: %v", err)
	}
	pid := benchProposal(b, store, benchCandidates)

	app, err := New(config.Config{
		SessionKeys:   []string{"bench-session-key-0123456789abcdef0123456789"},
		MaxImageBytes: 5 << 20, MaxPDFBytes: 10 << 20, S3Bucket: objCfg.Bucket,
	}, store, objects, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatalf("new app: %v", err)
	}
	app.Store = countingStore(b, store)
	server := httptest.NewServer(app.Handler())
	b.Cleanup(server.Close)
	client := benchLogin(b, server.URL, "bkd")
	path := fmt.Sprintf("%s/verification/%d", server.URL, pid)
	size := benchGet(b, client, path)

	before := sqlStatements.Load()
	pages := 0
	for b.Loop() {
		benchGet(b, client, path)
		pages++
	}
	b.ReportMetric(float64(sqlStatements.Load()-before)/float64(pages), "queries/op")
	b.ReportMetric(float64(size), "html-bytes")
}

// benchProposal stores a submitted proposal of n complete candidates, a third each accepted,
// rejected and pending, each with six document rows. It stores no objects, because rendering
// the page reads only the rows.
func benchProposal(b *testing.B, store *storage.Store, n int) int64 {
	b.Helper()
	ctx := context.Background()
	agencyID, err := store.CreateAgency(ctx, storage.Agency{Code: "1.02.01", Name: "Dinas Kesehatan", Kind: "dinas"})
	if err != nil {
		b.Fatal(err)
	}
	users := map[string]int64{}
	for _, u := range []storage.NewUser{
		{Username: "bkd", FullName: "Verifikator BKD", Role: domain.RoleBKD},
		{Username: "opd", FullName: "Admin Dinkes", Role: domain.RoleOPD, AgencyID: agencyID},
	} {
		u.Password = testPassword
		if users[u.Username], err = store.CreateUser(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	ref := func(table, column, value string) int64 {
		var id int64
		if err := store.DB.Get(&id, fmt.Sprintf(`SELECT id FROM %s WHERE %s = $1`, table, column), value); err != nil {
			b.Fatalf("reference %s %s: %v", table, value, err)
		}
		return id
	}
	perawat, d3 := ref("positions", "name", "Perawat"), ref("education_levels", "code", "D3")

	var pid int64
	err = store.InTx(ctx, func(tx *sqlx.Tx) error {
		letter, err := store.InsertRecommendation(ctx, tx, storage.Recommendation{
			AgencyID: agencyID, Number: "800/1/438.5.2/2026", LetterDate: domain.NewDate(2026, time.March, 2),
			Year: 2026, Quota: n + 100, CreatedBy: users["bkd"],
		}, []storage.Requirement{{PositionID: perawat, MinEducationLevelID: d3, Major: "Keperawatan", Count: n + 100}})
		if err != nil {
			return err
		}
		if pid, err = storage.InsertProposal(ctx, tx, agencyID, letter, users["opd"]); err != nil {
			return err
		}
		opd, bkd := users["opd"], users["bkd"]
		statements := []struct {
			sql  string
			args []any
		}{
			{`INSERT INTO candidates (proposal_id, nik, family_card_number, full_name, title_suffix, birth_place,
				birth_date, religion_id, sex, marital_status, address_ktp, address_domicile, education_level_id,
				education_major, education_institution, graduation_year, applied_education_level_id,
				applied_education_major, classification_id, salary_standard_id, position_id, position_type,
				start_date, created_by, decision, decision_reason, decided_by, decided_at)
			SELECT $1, '35150141059' || lpad(g::text, 5, '0'), '35150112' || lpad(g::text, 8, '0'), 'Calon ' || g,
				'A.Md.Kep', 'Sidoarjo', date '1995-05-01', $3, 'P', 'kawin', 'Jl. Mawar 1', 'Jl. Mawar 1', $4,
				'Keperawatan', 'Poltekkes Surabaya', 2017, $4, 'Keperawatan', $5, $6, $7, 'fungsional',
				date '2026-07-01', $8,
				(ARRAY['accepted', 'rejected', 'pending'])[g % 3 + 1],
				CASE WHEN g % 3 = 1 THEN 'Ijazah belum dilegalisir' ELSE '' END,
				CASE WHEN g % 3 < 2 THEN $9::bigint END, CASE WHEN g % 3 < 2 THEN now() END
			FROM generate_series(1, $2::int) g`,
				[]any{pid, n, ref("religions", "name", "Islam"), d3, ref("employee_classifications", "name", "Tenaga Kesehatan"),
					ref("salary_standards", "name", "Standar III (Diploma)"), perawat, opd, bkd}},
			{`INSERT INTO active_niks (nik, candidate_id) SELECT nik, id FROM candidates WHERE proposal_id = $1`, []any{pid}},
			{`WITH ins AS (
				INSERT INTO documents (kind, object_key, content_type, size_bytes, original_name, uploaded_by)
				SELECT k.kind, 'bench/' || c.id || '/' || k.kind, 'application/pdf', 120000, k.kind || '.pdf', $2
				FROM candidates c
				CROSS JOIN unnest(ARRAY['photo', 'spouse_photo', 'ktp', 'kk', 'diploma', 'first_pk']) AS k(kind)
				WHERE c.proposal_id = $1
				RETURNING id, object_key)
			INSERT INTO candidate_documents (candidate_id, document_id)
			SELECT split_part(object_key, '/', 2)::bigint, id FROM ins`, []any{pid, opd}},
		}
		for _, st := range statements {
			if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
				return err
			}
		}
		_, err = store.TransitionProposalInTx(ctx, tx, storage.TransitionRequest{
			ProposalID: pid, Version: 1, Actor: storage.Actor{ID: opd, Role: domain.RoleOPD},
			Action: domain.ActionSubmit,
		}, nil)
		return err
	})
	if err != nil {
		b.Fatalf("store the proposal: %v", err)
	}
	return pid
}

func benchLogin(b *testing.B, base, username string) *http.Client {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(base+"/login", url.Values{"username": {username}, "password": {testPassword}})
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("login status %d, want 303", resp.StatusCode)
	}
	return client
}

// benchGet fetches a page, fails on any status but 200, and returns the body's size.
func benchGet(b *testing.B, client *http.Client, path string) int {
	resp, err := client.Get(path)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d, want 200", resp.StatusCode)
	}
	return int(n)
}
