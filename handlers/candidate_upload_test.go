package handlers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCandidateUploadStoresDocument(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/photo", id), nil,
		[]filePart{fileUpload(t, "file", "foto-diri.jpg")}, htmxHeaders...)
	mustStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	var docID int64
	if err := ta.store.DB.Get(&docID, `
		SELECT d.id FROM documents d JOIN candidate_documents cd ON cd.document_id = d.id
		WHERE cd.candidate_id = $1 AND d.kind = 'photo' AND d.content_type = 'image/jpeg'`, id); err != nil {
		t.Fatalf("stored photo: %v", err)
	}
	link := doc.Find("#slot-photo a.document-link")
	if href, _ := link.Attr("href"); href != fmt.Sprintf("/documents/%d", docID) {
		t.Errorf("slot links to %q, want /documents/%d", href, docID)
	}
	if target, _ := link.Attr("target"); target != "_blank" {
		t.Errorf("link target %q, want a new tab", target)
	}
	if n := ta.objectCount(); n != 1 {
		t.Errorf("%d objects, want 1", n)
	}
}

func TestCandidateUploadKeepsEarlierVersion(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")
	path := fmt.Sprintf("/candidates/%d/documents/diploma", id)

	mustStatus(t, ta.postMultipart(c, path, nil, []filePart{fileUpload(t, "file", "ijazah-scan.pdf")}, htmxHeaders...), http.StatusOK)
	mustStatus(t, ta.postMultipart(c, path, nil, []filePart{fileUpload(t, "file", "pk-pertama.pdf")}, htmxHeaders...), http.StatusOK)

	if n := ta.count(`SELECT count(*) FROM documents WHERE kind = 'diploma' AND superseded_at IS NOT NULL`); n != 1 {
		t.Errorf("%d superseded diplomas, want 1", n)
	}
	if n := ta.count(`SELECT count(*) FROM documents WHERE kind = 'diploma' AND superseded_at IS NULL`); n != 1 {
		t.Errorf("%d current diplomas, want 1", n)
	}
	if n := ta.objectCount(); n != 2 {
		t.Errorf("%d objects, want both versions kept", n)
	}
	docs, err := ta.store.CandidateDocuments(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got := docs["diploma"].OriginalName; got != "pk-pertama.pdf" {
		t.Errorf("current diploma is %q, want the second upload", got)
	}
}

func TestCandidateUploadRefusesFiles(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")
	cases := []struct {
		name, kind, file string
		status           int
		want             string
	}{
		{"executable as diploma", "diploma", "bukan-pdf.pdf", http.StatusUnprocessableEntity, "PDF"},
		{"empty file", "ktp", "kosong.pdf", http.StatusUnprocessableEntity, "kosong"},
		{"over the limit", "diploma", "terlalu-besar.pdf", http.StatusRequestEntityTooLarge, "10 MB"},
		{"HEIC as photo", "photo", "foto-iphone.heic", http.StatusUnprocessableEntity, "JPG atau PNG"},
		{"PDF as photo", "photo", "pk-pertama.pdf", http.StatusUnprocessableEntity, "JPG atau PNG"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/%s", id, tc.kind), nil,
				[]filePart{fileUpload(t, "file", tc.file)}, htmxHeaders...)
			mustStatus(t, resp, tc.status)
			doc := resp.doc(t)

			if got := fieldErrorBeside(doc, "#file-"+tc.kind); !strings.Contains(got, tc.want) {
				t.Errorf("error beside the file input %q, want it to mention %q", got, tc.want)
			}
			if n := doc.Find(fmt.Sprintf("#slot-%s form#upload-%s", tc.kind, tc.kind)).Length(); n != 1 {
				t.Errorf("%d upload forms in the answer, want the slot with its form", n)
			}
			if n := ta.count(`SELECT count(*) FROM documents`); n != 0 {
				t.Errorf("%d document rows, want none", n)
			}
			if n := ta.objectCount(); n != 0 {
				t.Errorf("%d objects, want none", n)
			}
		})
	}
}

func TestCandidateUploadRefusalKeepsCurrent(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	current := ta.attachDocument(id, "ktp", "ktp-scan.jpg")
	c := ta.login("opd-a")

	resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/ktp", id), nil,
		[]filePart{fileUpload(t, "file", "kosong.pdf")}, htmxHeaders...)
	mustStatus(t, resp, http.StatusUnprocessableEntity)

	href, _ := resp.doc(t).Find("#slot-ktp a.document-link").Attr("href")
	if href != fmt.Sprintf("/documents/%d", current.ID) {
		t.Errorf("slot links to %q, want the current KTP %d", href, current.ID)
	}
	if n := ta.count(`SELECT count(*) FROM documents WHERE superseded_at IS NULL`); n != 1 {
		t.Errorf("%d current documents, want the KTP still current", n)
	}
}

func TestCandidateUploadSpousePhotoOnlyWhenMarried(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	c := ta.login("opd-a")
	form := ta.agencyCandidateForm(0, "Siti Aminah")
	form.Set("marital_status", "belum_kawin")
	mustStatus(t, ta.postForm(c, fmt.Sprintf("/proposals/%d/candidates", pid), form), http.StatusSeeOther)
	id := ta.candidateIDByNIK(testNIK(0, true))

	page := ta.get(c, fmt.Sprintf("/candidates/%d", id))
	if n := page.doc(t).Find("#slot-spouse_photo").Length(); n != 0 {
		t.Error("spouse photo slot shown for an unmarried candidate")
	}
	if n := page.doc(t).Find(".document-slot").Length(); n != 5 {
		t.Errorf("%d slots, want 5", n)
	}
	resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/spouse_photo", id), nil,
		[]filePart{fileUpload(t, "file", "foto-pasangan.png")}, htmxHeaders...)
	mustStatus(t, resp, http.StatusUnprocessableEntity)
	if n := ta.objectCount(); n != 0 {
		t.Errorf("%d objects, want none", n)
	}
}

func TestCandidateUploadSlotsOfMarried(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")

	doc := ta.get(ta.login("opd-a"), fmt.Sprintf("/candidates/%d", id)).doc(t)
	cases := []struct {
		kind, accept string
		maxBytes     string
	}{
		{"photo", "image/jpeg", "5242880"},
		{"spouse_photo", "image/png", "5242880"},
		{"ktp", "application/pdf", "10485760"},
		{"kk", "application/pdf", "10485760"},
		{"diploma", "application/pdf", "10485760"},
		{"first_pk", "application/pdf", "10485760"},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			input := doc.Find(fmt.Sprintf(`#upload-%s input#file-%s[type=file][name=file]`, tc.kind, tc.kind))
			if input.Length() != 1 {
				t.Fatal("no file input")
			}
			if accept, _ := input.Attr("accept"); !strings.Contains(accept, tc.accept) {
				t.Errorf("accept %q lacks %s", accept, tc.accept)
			}
			if got, _ := input.Attr("data-max-bytes"); got != tc.maxBytes {
				t.Errorf("data-max-bytes %q, want %s", got, tc.maxBytes)
			}
			form := doc.Find("#upload-" + tc.kind)
			if enc, _ := form.Attr("hx-encoding"); enc != "multipart/form-data" {
				t.Errorf("hx-encoding %q", enc)
			}
			if _, hidden := form.Find("progress").Attr("hidden"); !hidden {
				t.Error("no hidden progress bar")
			}
		})
	}
}

func TestCandidateUploadRefusedAccess(t *testing.T) {
	cases := []struct {
		name   string
		user   string
		status string
		want   int
	}{
		{"other agency", "opd-b", "draft", http.StatusNotFound},
		{"submitted proposal", "opd-a", "submitted", http.StatusConflict},
		{"BKD", "bkd", "draft", http.StatusForbidden},
		{"superadmin", "superadmin", "draft", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			pid := ta.agencyDraft()
			id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
			ta.store.DB.MustExec(`UPDATE proposals SET status = $2 WHERE id = $1`, pid, tc.status)

			resp := ta.postMultipart(ta.login(tc.user), fmt.Sprintf("/candidates/%d/documents/ktp", id), nil,
				[]filePart{fileUpload(t, "file", "ktp-scan.jpg")})
			mustStatus(t, resp, tc.want)
			if n := ta.count(`SELECT count(*) FROM documents`); n != 0 {
				t.Errorf("%d document rows, want none", n)
			}
			if n := ta.objectCount(); n != 0 {
				t.Errorf("%d objects, want none", n)
			}
		})
	}
}

func TestCandidateUploadUnknownKind(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")

	resp := ta.postMultipart(ta.login("opd-a"), fmt.Sprintf("/candidates/%d/documents/recommendation_letter", id), nil,
		[]filePart{fileUpload(t, "file", "pk-pertama.pdf")})
	mustStatus(t, resp, http.StatusNotFound)
}

func TestCandidateUploadPlainFormRedirects(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")

	resp := ta.postMultipart(ta.login("opd-a"), fmt.Sprintf("/candidates/%d/documents/kk", id), nil,
		[]filePart{fileUpload(t, "file", "kk-scan.png")})
	mustStatus(t, resp, http.StatusSeeOther)
	if got, want := resp.Header.Get("Location"), fmt.Sprintf("/candidates/%d", id); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
}

func TestCandidateUploadTooLargeAnswersBeforeBody(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	// The body never arrives, so only a response decided from the declared length can come back.
	body, writer := io.Pipe()
	defer writer.Close()
	req, err := http.NewRequest(http.MethodPost, ta.server.URL+fmt.Sprintf("/candidates/%d/documents/diploma", id), body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = 20 << 20
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("HX-Request", "true")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatalf("no answer before the body was sent: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", resp.StatusCode)
	}
}

func TestCandidateUploadCorruptPhoto(t *testing.T) {
	ta := newTestApp(t)
	pid := ta.agencyDraft()
	id := ta.agencySavedCandidate(pid, 0, "Siti Aminah")
	c := ta.login("opd-a")

	// JPEG magic bytes followed by garbage: recognised as JPEG, but no image decodes from it.
	corrupt := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, []byte(strings.Repeat("bukan gambar ", 100))...)
	resp := ta.postMultipart(c, fmt.Sprintf("/candidates/%d/documents/photo", id), nil,
		[]filePart{{field: "file", filename: "foto.jpg", content: corrupt}}, htmxHeaders...)

	mustStatus(t, resp, http.StatusUnprocessableEntity)
	if got := fieldErrorBeside(resp.doc(t), "#file-photo"); got == "" {
		t.Error("no error beside the file input")
	}
	if n := ta.count(`SELECT count(*) FROM documents`); n != 0 {
		t.Errorf("%d document rows, want none", n)
	}
	if n := ta.objectCount(); n != 0 {
		t.Errorf("%d objects, want none", n)
	}
}
