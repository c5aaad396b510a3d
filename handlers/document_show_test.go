package handlers

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg"
	"net/http"
	"strings"
	"testing"

	"sinop/storage"
)

// candidateWithDocuments returns a candidate of agency A's draft proposal with its six documents.
func (ta *testApp) candidateWithDocuments() (candidateID, letterID int64) {
	ta.t.Helper()
	letterID = ta.createLetter(ta.agencyA.ID, "800/71/A/2026", 2)
	proposal := ta.createProposal(ta.agencyA.ID, letterID, "opd-a")
	candidateID = ta.insertCandidate(ta.completeCandidate(proposal, 0, "Siti Aminah"))
	ta.attachDocuments(candidateID)
	return candidateID, letterID
}

// candidateDocumentID returns the current document of one kind of a candidate.
func (ta *testApp) candidateDocumentID(candidateID int64, kind string) int64 {
	ta.t.Helper()
	var id int64
	err := ta.store.DB.Get(&id, `
		SELECT d.id FROM documents d JOIN candidate_documents cd ON cd.document_id = d.id
		WHERE cd.candidate_id = $1 AND d.kind = $2 AND d.superseded_at IS NULL`, candidateID, kind)
	if err != nil {
		ta.t.Fatalf("document %s of candidate %d: %v", kind, candidateID, err)
	}
	return id
}

func TestDocumentAccessByRoleAndAgency(t *testing.T) {
	ta := newTestApp(t)
	_, letterA := ta.createLetterWithPDF(ta.agencyA.ID, "800/61/A/2026")
	_, letterB := ta.createLetterWithPDF(ta.agencyB.ID, "800/62/B/2026")
	candidate, _ := ta.candidateWithDocuments()
	diploma := ta.candidateDocumentID(candidate, storage.DocDiploma)
	photo := ta.candidateDocumentID(candidate, storage.DocPhoto)

	documents := map[string]int64{"letter A": letterA, "letter B": letterB, "diploma of A's candidate": diploma, "photo of A's candidate": photo}
	visible := map[string][]string{
		"bkd":        {"letter A", "letter B", "diploma of A's candidate", "photo of A's candidate"},
		"superadmin": {"letter A", "letter B", "diploma of A's candidate", "photo of A's candidate"},
		"opd-a":      {"letter A", "diploma of A's candidate", "photo of A's candidate"},
		"opd-b":      {"letter B"},
	}
	for username, allowed := range visible {
		c := ta.login(username)
		for name, id := range documents {
			want := http.StatusNotFound
			for _, a := range allowed {
				if a == name {
					want = http.StatusOK
				}
			}
			if resp := ta.get(c, fmt.Sprintf("/documents/%d", id)); resp.StatusCode != want {
				t.Errorf("%s opening %s: status %d, want %d", username, name, resp.StatusCode, want)
			}
		}
	}
}

func TestDocumentOfEmployeeInOwnRegister(t *testing.T) {
	ta := newTestApp(t)
	candidate, letter := ta.candidateWithDocuments()
	diploma := ta.candidateDocumentID(candidate, storage.DocDiploma)
	opdB := ta.login("opd-b")
	path := fmt.Sprintf("/documents/%d", diploma)
	if resp := ta.get(opdB, path); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("before the move: status %d, want 404", resp.StatusCode)
	}

	// The person now works for agency B, while the proposal stays agency A's.
	ta.admitCandidate(candidate, ta.agencyB.ID, letter)

	if resp := ta.get(opdB, path); resp.StatusCode != http.StatusOK {
		t.Errorf("employee's agency: status %d, want 200", resp.StatusCode)
	}
}

func TestDocumentSupersededVersionServed(t *testing.T) {
	ta := newTestApp(t)
	candidate, _ := ta.candidateWithDocuments()
	first := ta.candidateDocumentID(candidate, storage.DocPhoto)
	second := ta.attachDocument(candidate, storage.DocPhoto, "foto-pasangan.png")

	old, err := ta.store.Document(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	if old.SupersededAt == nil {
		t.Fatalf("first photo not superseded by document %d", second.ID)
	}
	for _, username := range []string{"opd-a", "bkd"} {
		resp := ta.get(ta.login(username), fmt.Sprintf("/documents/%d", first))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: superseded version status %d, want 200", username, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != "image/jpeg" {
			t.Errorf("%s: Content-Type %q, want the stored image/jpeg", username, got)
		}
	}
}

func TestDocumentHeaders(t *testing.T) {
	ta := newTestApp(t)
	_, document := ta.createLetterWithPDF(ta.agencyA.ID, "800/81/A/2026")
	bkd := ta.login("bkd")
	path := fmt.Sprintf("/documents/%d", document)

	cases := []struct {
		name, query, disposition string
	}{
		{"inline", "", `inline; filename="pk-pertama.pdf"`},
		{"download", "?download=1", `attachment; filename="pk-pertama.pdf"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := ta.get(bkd, path+tc.query)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			want := map[string]string{
				"Content-Type":           "application/pdf",
				"Content-Disposition":    tc.disposition,
				"X-Content-Type-Options": "nosniff",
				"Cache-Control":          "private, no-store",
				"Accept-Ranges":          "bytes",
			}
			for header, value := range want {
				if got := resp.Header.Get(header); got != value {
					t.Errorf("%s %q, want %q", header, got, value)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "object-src 'self'") {
				t.Errorf("Content-Security-Policy %q blocks the browser's PDF viewer", csp)
			}
		})
	}
}

func TestDocumentHeadAndSuffixRange(t *testing.T) {
	ta := newTestApp(t)
	_, document := ta.createLetterWithPDF(ta.agencyA.ID, "800/82/A/2026")
	bkd := ta.login("bkd")
	path := fmt.Sprintf("/documents/%d", document)
	full := ta.get(bkd, path)

	req, err := http.NewRequest(http.MethodHead, ta.server.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	head := ta.do(bkd, req)
	if head.StatusCode != http.StatusOK {
		t.Fatalf("HEAD status %d, want 200", head.StatusCode)
	}
	if got, want := head.Header.Get("Content-Length"), fmt.Sprint(len(full.body)); got != want {
		t.Errorf("HEAD Content-Length %s, want %s", got, want)
	}

	tail := ta.get(bkd, path, "Range", "bytes=-64")
	if tail.StatusCode != http.StatusPartialContent {
		t.Fatalf("suffix range status %d, want 206", tail.StatusCode)
	}
	if tail.body != full.body[len(full.body)-64:] {
		t.Errorf("suffix range body differs from the file's last 64 bytes")
	}
}

func TestDocumentPhotoServedUpright(t *testing.T) {
	ta := newTestApp(t)
	candidate, _ := ta.candidateWithDocuments()
	photo := ta.attachDocument(candidate, storage.DocPhoto, "foto-exif-orientasi-6.jpg")

	resp := ta.get(ta.login("opd-a"), fmt.Sprintf("/documents/%d", photo.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	img, _, err := image.Decode(strings.NewReader(resp.body))
	if err != nil {
		t.Fatalf("decode served photo: %v", err)
	}
	if got := img.Bounds().Size(); got != image.Pt(600, 800) {
		t.Fatalf("served photo %v, want 600×800", got)
	}
	for _, x := range []int{10, 300, 590} {
		r, g, b, _ := img.At(x, 4).RGBA()
		if r>>8 < 200 || g>>8 > 60 || b>>8 > 60 {
			t.Errorf("pixel (%d, 4) is rgb(%d, %d, %d), want red along the top", x, r>>8, g>>8, b>>8)
		}
	}
}

func TestDocumentUnknownNotFound(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	for _, path := range []string{"/documents/999999", "/documents/abc", "/documents/0"} {
		if resp := ta.get(bkd, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestDocumentObjectMissingNotFound(t *testing.T) {
	ta := newTestApp(t)
	_, document := ta.createLetterWithPDF(ta.agencyA.ID, "800/83/A/2026")
	doc, err := ta.store.Document(context.Background(), document)
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.objects.Remove(context.Background(), doc.ObjectKey); err != nil {
		t.Fatal(err)
	}

	if resp := ta.get(ta.login("bkd"), fmt.Sprintf("/documents/%d", document)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(ta.logOutput.String(), "document object missing") {
		t.Errorf("missing object not logged as an error")
	}
}

func TestDocumentStorageDown(t *testing.T) {
	ta := newTestApp(t)
	_, document := ta.createLetterWithPDF(ta.agencyA.ID, "800/84/A/2026")
	down := ta.withStorageDown("refused")

	resp := down.get(down.login("bkd"), fmt.Sprintf("/documents/%d", document))
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", resp.StatusCode)
	}
}

func TestContentDisposition(t *testing.T) {
	cases := []struct {
		name, filename, want string
	}{
		{"plain", "surat.pdf", `inline; filename="surat.pdf"`},
		{"quote and backslash", `su"rat\1.pdf`, `inline; filename="su_rat_1.pdf"`},
		{"non-ASCII", "Surat Rekomendasi Dinkes – Maret.pdf",
			`inline; filename="Surat Rekomendasi Dinkes _ Maret.pdf"; filename*=UTF-8''Surat%20Rekomendasi%20Dinkes%20%E2%80%93%20Maret.pdf`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := contentDisposition("inline", tc.filename); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestDocumentFileName(t *testing.T) {
	cases := []struct {
		name     string
		doc      storage.Document
		wantName string
	}{
		{"kept", storage.Document{OriginalName: "ijazah.pdf", ContentType: "application/pdf"}, "ijazah.pdf"},
		{"path removed", storage.Document{OriginalName: `C:\Users\budi\ktp.jpg`, ContentType: "image/jpeg"}, "ktp.jpg"},
		{"jpeg extension kept", storage.Document{OriginalName: "foto.JPEG", ContentType: "image/jpeg"}, "foto.JPEG"},
		{"wrong extension", storage.Document{OriginalName: "surat.exe", ContentType: "application/pdf"}, "surat.exe.pdf"},
		{"control characters", storage.Document{OriginalName: "a\r\nb.png", ContentType: "image/png"}, "ab.png"},
		{"empty", storage.Document{ID: 7, Kind: "ktp", ContentType: "image/png"}, "ktp-7.png"},
		{"dots only", storage.Document{ID: 8, Kind: "kk", OriginalName: "..", ContentType: "application/pdf"}, "kk-8.pdf"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := documentFileName(tc.doc); got != tc.wantName {
				t.Errorf("name %q, want %q", got, tc.wantName)
			}
		})
	}
}
