package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // image.Decode reads the demo's JPEG photos and scans
	_ "image/png"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
	"sinop/upload"
)

type loadedDemo struct {
	store   *storage.Store
	objects *storage.Objects
	cfg     storage.ObjectsConfig
	output  string
}

// loadDemo loads the demo into a fresh database and bucket.
func loadDemo(t *testing.T) loadedDemo {
	t.Helper()
	store := testenv.Store(t)
	objects, cfg := testenv.Objects(t)
	var out bytes.Buffer
	if err := Load(context.Background(), store, objects, &out); err != nil {
		t.Fatalf("Load: %v", err)
	}
	return loadedDemo{store: store, objects: objects, cfg: cfg, output: out.String()}
}

func count(t *testing.T, store *storage.Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := store.DB.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestLoadCounts(t *testing.T) {
	d := loadDemo(t)
	requirements := 0
	for _, l := range letters {
		requirements += len(l.Requirements)
	}
	tests := []struct {
		name  string
		query string
		want  int
	}{
		{"agencies", `SELECT count(*) FROM agencies`, len(agencies)},
		{"users", `SELECT count(*) FROM users`, 3},
		{"letters", `SELECT count(*) FROM recommendations`, 2},
		{"letters with PDF", `SELECT count(*) FROM recommendations r JOIN documents d ON d.id = r.document_id
			WHERE d.kind = 'recommendation_letter' AND d.content_type = 'application/pdf'`, 2},
		{"requirements", `SELECT count(*) FROM recommendation_requirements`, requirements},
		{"draft proposals", `SELECT count(*) FROM proposals WHERE status = 'draft'`, 1},
		{"submitted proposals", `SELECT count(*) FROM proposals WHERE status = 'submitted'`, 1},
		{"submitted candidates", `SELECT count(*) FROM candidates c JOIN proposals p ON p.id = c.proposal_id
			WHERE p.status = 'submitted'`, len(submittedPeople)},
		{"draft candidates", `SELECT count(*) FROM candidates c JOIN proposals p ON p.id = c.proposal_id
			WHERE p.status = 'draft'`, len(draftPeople)},
		{"claimed NIKs", `SELECT count(*) FROM active_niks`, len(submittedPeople) + len(draftPeople)},
		{"religions", `SELECT count(*) FROM religions`, len(religions)},
		{"positions", `SELECT count(*) FROM positions`, len(positions)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := count(t, d.store, tt.query); got != tt.want {
				t.Errorf("count = %d, want %d", got, tt.want)
			}
		})
	}
	if n := len(agencies); n < 18 || n > 25 {
		t.Errorf("demo has %d agencies, want about 20", n)
	}
}

func TestLoadAccounts(t *testing.T) {
	t.Setenv("LISTEN_ADDR", "0.0.0.0:8181")
	d := loadDemo(t)
	tests := []struct {
		username string
		role     domain.Role
		agency   string
	}{
		{"superadmin", domain.RoleSuperadmin, ""},
		{"bkd", domain.RoleBKD, ""},
		{"opd", domain.RoleOPD, "Dinas Kesehatan"},
	}
	for _, tt := range tests {
		t.Run(tt.username, func(t *testing.T) {
			u, err := d.store.Authenticate(context.Background(), tt.username, Password)
			if err != nil {
				t.Fatalf("Authenticate(%s, %s): %v", tt.username, Password, err)
			}
			if u.Role != tt.role {
				t.Errorf("role = %s, want %s", u.Role, tt.role)
			}
			if u.AgencyName != tt.agency {
				t.Errorf("agency = %q, want %q", u.AgencyName, tt.agency)
			}
		})
	}
	if !strings.Contains(d.output, "http://localhost:8181/") {
		t.Errorf("output does not name the URL from LISTEN_ADDR:\n%s", d.output)
	}
	for _, a := range accounts {
		if !strings.Contains(d.output, a.Username) {
			t.Errorf("output does not name account %s:\n%s", a.Username, d.output)
		}
	}
}

func TestLoadDocuments(t *testing.T) {
	d := loadDemo(t)
	var docs []storage.Document
	err := d.store.DB.Select(&docs, `SELECT id, kind, object_key, content_type, size_bytes, original_name,
		uploaded_by, created_at, superseded_at FROM documents ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no documents")
	}
	for _, doc := range docs {
		t.Run(fmt.Sprintf("%d %s", doc.ID, doc.Kind), func(t *testing.T) {
			obj, info, err := d.objects.Get(context.Background(), doc.ObjectKey)
			if err != nil {
				t.Fatalf("object %s: %v", doc.ObjectKey, err)
			}
			defer obj.Close()
			data, err := io.ReadAll(obj)
			if err != nil {
				t.Fatal(err)
			}
			if info.Size != doc.SizeBytes {
				t.Errorf("object size = %d, row says %d", info.Size, doc.SizeBytes)
			}
			if info.ContentType != doc.ContentType {
				t.Errorf("object content type = %s, row says %s", info.ContentType, doc.ContentType)
			}
			accepted, err := upload.Receive(bytes.NewReader(data), doc.OriginalName, acceptFor(doc.Kind),
				upload.Limits{ImageBytes: 5 << 20, PDFBytes: 10 << 20})
			if err != nil {
				t.Fatalf("upload checks reject the file: %v", err)
			}
			accepted.Close()
			if accepted.ContentType != doc.ContentType {
				t.Errorf("upload checks see %s, row says %s", accepted.ContentType, doc.ContentType)
			}

			switch doc.ContentType {
			case "application/pdf":
				checkPDF(t, data)
			case "image/jpeg", "image/png":
				_, format, err := image.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("decode image: %v", err)
				}
				if "image/"+format != doc.ContentType {
					t.Errorf("image format = %s, row says %s", format, doc.ContentType)
				}
			default:
				t.Errorf("unexpected content type %s", doc.ContentType)
			}
		})
	}
	if keys := testenv.BucketKeys(t, d.cfg); len(keys) != len(docs) {
		t.Errorf("bucket holds %d objects, documents table %d rows", len(keys), len(docs))
	}
}

// acceptFor returns what an upload form takes for a document kind.
func acceptFor(kind string) upload.Accept {
	switch kind {
	case storage.DocPhoto, storage.DocSpousePhoto:
		return upload.AcceptImage
	case storage.DocRecommendation:
		return upload.AcceptPDF
	}
	return upload.AcceptPDFOrScan
}

// checkPDF checks the parts of the file structure a PDF reader relies on: the header, every
// cross-reference offset pointing at its object, and startxref pointing at the table.
func checkPDF(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		t.Fatalf("no PDF header: %q", data[:min(len(data), 10)])
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n \n`).FindAllSubmatch(data[xref:], -1)
	if len(entries) == 0 {
		t.Fatal("xref table has no objects")
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		want := fmt.Sprintf("%d 0 obj\n", i+1)
		if !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("xref entry %d points at %q, want %q", i+1, data[off:min(len(data), off+12)], want)
		}
	}
	if !bytes.Contains(data, []byte("/Type /Page ")) {
		t.Error("no page object")
	}
}

func TestLoadSubmittedProposal(t *testing.T) {
	d := loadDemo(t)
	var proposalID int64
	if err := d.store.DB.Get(&proposalID, `SELECT id FROM proposals WHERE status = 'submitted'`); err != nil {
		t.Fatal(err)
	}

	events, err := d.store.ProposalEvents(context.Background(), proposalID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []domain.Action
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := []domain.Action{"create", domain.ActionSubmit}; !slices.Equal(actions, want) {
		t.Errorf("timeline = %v, want %v", actions, want)
	}

	var candidates []struct {
		ID      int64  `db:"id"`
		Name    string `db:"full_name"`
		Marital string `db:"marital_status"`
	}
	if err := d.store.DB.Select(&candidates, `SELECT id, full_name, marital_status FROM candidates WHERE proposal_id = $1`, proposalID); err != nil {
		t.Fatal(err)
	}
	for _, c := range candidates {
		t.Run(c.Name, func(t *testing.T) {
			var kinds []string
			err := d.store.DB.Select(&kinds, `SELECT d.kind FROM candidate_documents cd JOIN documents d ON d.id = cd.document_id
				WHERE cd.candidate_id = $1 AND d.superseded_at IS NULL ORDER BY d.kind`, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range storage.CandidateDocumentKinds {
				needed := kind != storage.DocSpousePhoto || c.Marital == domain.MaritalMarried
				if needed != slices.Contains(kinds, kind) {
					t.Errorf("has %s = %v, want %v", kind, !needed, needed)
				}
			}
		})
	}
}

func TestLoadCandidateNIKs(t *testing.T) {
	d := loadDemo(t)
	var rows []struct {
		NIK       string      `db:"nik"`
		KK        string      `db:"family_card_number"`
		NPWP      string      `db:"npwp"`
		Name      string      `db:"full_name"`
		BirthDate domain.Date `db:"birth_date"`
		Sex       string      `db:"sex"`
	}
	if err := d.store.DB.Select(&rows, `SELECT nik, family_card_number, npwp, full_name, birth_date, sex FROM candidates`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(submittedPeople)+len(draftPeople) {
		t.Fatalf("%d candidates, want %d", len(rows), len(submittedPeople)+len(draftPeople))
	}
	for _, r := range rows {
		t.Run(r.Name, func(t *testing.T) {
			_, info, err := domain.ParseNIK(r.NIK)
			if err != nil {
				t.Fatalf("ParseNIK: %v", err)
			}
			if info.ProvinceCode != "35" || r.NIK[2:4] != "15" {
				t.Errorf("NIK does not start with Sidoarjo's 35 15")
			}
			if w := domain.NIKWarnings(info, r.BirthDate, r.Sex); len(w) != 0 {
				t.Errorf("NIK disagrees with biodata: %v", w)
			}
			if r.KK != "" {
				if _, err := domain.ParseFamilyCardNumber(r.KK); err != nil {
					t.Errorf("ParseFamilyCardNumber: %v", err)
				}
			}
			if _, err := domain.ParseNPWP(r.NPWP); err != nil {
				t.Errorf("ParseNPWP: %v", err)
			}
			if _, err := domain.ParsePersonName(r.Name); err != nil {
				t.Errorf("ParsePersonName: %v", err)
			}
		})
	}
}

// snapshot counts every table the demo writes and lists the bucket, to compare two moments.
func snapshot(t *testing.T, d loadedDemo) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"agencies", "users", "religions", "education_levels", "employee_classifications",
		"salary_standards", "positions", "documents", "recommendations", "recommendation_requirements", "proposals",
		"proposal_events", "candidates", "candidate_documents", "active_niks"} {
		fmt.Fprintf(&b, "%s=%d ", table, count(t, d.store, "SELECT count(*) FROM "+table))
	}
	keys := testenv.BucketKeys(t, d.cfg)
	slices.Sort(keys)
	fmt.Fprintf(&b, "objects=%v", keys)
	return b.String()
}

func TestLoadTwice(t *testing.T) {
	d := loadDemo(t)
	before := snapshot(t, d)

	var out bytes.Buffer
	if err := Load(context.Background(), d.store, d.objects, &out); err != nil {
		t.Fatalf("second Load: %v", err)
	}

	if after := snapshot(t, d); after != before {
		t.Errorf("second Load changed data:\nbefore %s\nafter  %s", before, after)
	}
	if !strings.Contains(out.String(), "already loaded") {
		t.Errorf("second Load output = %q, want it to say the demo is already loaded", out.String())
	}
}

func TestLoadIntoUsedDatabase(t *testing.T) {
	store := testenv.Store(t)
	objects, cfg := testenv.Objects(t)
	ctx := context.Background()
	if _, err := store.CreateAgency(ctx, storage.Agency{Code: "DINKES", Name: "Dinas Kesehatan", Kind: "dinas"}); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := Load(ctx, store, objects, &out); err != nil {
		t.Fatalf("Load: %v", err)
	}

	if n := count(t, store, `SELECT count(*) FROM users`); n != 0 {
		t.Errorf("Load created %d users in a database with data", n)
	}
	if keys := testenv.BucketKeys(t, cfg); len(keys) != 0 {
		t.Errorf("Load stored %d objects in a database with data", len(keys))
	}
	if !strings.Contains(out.String(), "not loaded") {
		t.Errorf("output = %q, want it to say the demo was not loaded", out.String())
	}
}

// TestLoadFailureLeavesNothing makes the database reject the first candidate, after the letters'
// PDFs are stored, and checks that neither rows nor objects remain.
func TestLoadFailureLeavesNothing(t *testing.T) {
	store := testenv.Store(t)
	objects, cfg := testenv.Objects(t)
	ctx := context.Background()
	_, err := store.DB.Exec(`
		CREATE FUNCTION reject_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'candidate rejected by test'; END $$;
		CREATE TRIGGER reject_candidate BEFORE INSERT ON candidates FOR EACH ROW EXECUTE FUNCTION reject_candidate();`)
	if err != nil {
		t.Fatal(err)
	}

	err = Load(ctx, store, objects, io.Discard)
	if err == nil {
		t.Fatal("Load succeeded despite the rejecting trigger")
	}

	for _, table := range []string{"agencies", "users", "documents", "recommendations", "proposals"} {
		if n := count(t, store, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s has %d rows after a failed load", table, n)
		}
	}
	if keys := testenv.BucketKeys(t, cfg); len(keys) != 0 {
		t.Errorf("bucket holds %d objects after a failed load: %v", len(keys), keys)
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct {
		name   string
		listen string
		want   string
	}{
		{"unset", "", "http://127.0.0.1:8080/"},
		{"loopback", "127.0.0.1:9090", "http://127.0.0.1:9090/"},
		{"all interfaces", "0.0.0.0:8080", "http://localhost:8080/"},
		{"port only", ":8080", "http://localhost:8080/"},
		{"IPv6 loopback", "[::1]:8080", "http://[::1]:8080/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := siteURL(tt.listen); got != tt.want {
				t.Errorf("siteURL(%q) = %q, want %q", tt.listen, got, tt.want)
			}
		})
	}
}
