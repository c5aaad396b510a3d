package handlers

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sinop/domain"
	"sinop/storage"
	"sinop/testenv"
)

// letterDate is a week ago in Jakarta, a date every letter test may use.
func letterDate() time.Time {
	return time.Now().In(domain.Jakarta).AddDate(0, 0, -7)
}

// letterFields returns a valid letter form for agency A: quota 3, two Perawat with at least a D3
// in Keperawatan and one Bidan with at least a D3 in any major, and a third row left empty.
func (ta *testApp) letterFields(number string) url.Values {
	ta.t.Helper()
	perawat := strconv.FormatInt(ta.refID("positions", "name", "Perawat"), 10)
	bidan := strconv.FormatInt(ta.refID("positions", "name", "Bidan"), 10)
	d3 := strconv.FormatInt(ta.refID("education_levels", "code", "D3"), 10)
	return url.Values{
		"agency_id":    {strconv.FormatInt(ta.agencyA.ID, 10)},
		"number":       {number},
		"letter_date":  {letterDate().Format("2006-01-02")},
		"year":         {strconv.Itoa(letterDate().Year())},
		"quota":        {"3"},
		"req_position": {perawat, bidan, ""},
		"req_level":    {d3, d3, ""},
		"req_major":    {"Keperawatan", "", ""},
		"req_count":    {"2", "1", ""},
	}
}

// postLetter sends the letter form with a PDF from testdata/files as bkd would.
func (ta *testApp) postLetter(c *http.Client, values url.Values, pdf string, headers ...string) response {
	ta.t.Helper()
	var files []filePart
	if pdf != "" {
		files = append(files, fileUpload(ta.t, "letter", pdf))
	}
	return ta.postMultipart(c, "/recommendations", values, files, headers...)
}

// letterCounts counts what a letter leaves behind: letter rows, document rows and objects.
type letterCounts struct{ letters, documents, objects int }

func (ta *testApp) letterCounts() letterCounts {
	ta.t.Helper()
	return letterCounts{
		letters:   ta.count(`SELECT count(*) FROM recommendations`),
		documents: ta.count(`SELECT count(*) FROM documents`),
		objects:   ta.objectCount(),
	}
}

// letterFieldMessage returns the field error shown right after the element that selector finds.
func letterFieldMessage(doc *goquery.Document, selector string) string {
	return strings.TrimSpace(doc.Find(selector).First().NextFiltered("small.field-error").Text())
}

func letterInputValue(doc *goquery.Document, selector string) string {
	v, _ := doc.Find(selector).First().Attr("value")
	return v
}

func letterSelectedValue(doc *goquery.Document, selector string) string {
	v, _ := doc.Find(selector).First().Find("option[selected]").Attr("value")
	return v
}

var letterPath = regexp.MustCompile(`^/recommendations/(\d+)$`)

// letterIDFrom returns the letter id from a redirect to its page.
func letterIDFrom(t *testing.T, resp response) int64 {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303; body: %s", resp.StatusCode, resp.body)
	}
	m := letterPath.FindStringSubmatch(resp.Header.Get("Location"))
	if m == nil {
		t.Fatalf("Location %q is not a letter page", resp.Header.Get("Location"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func TestLetterCreateStoresLetterAndPDF(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	values := ta.letterFields("800/101/438.5/2026")

	id := letterIDFrom(t, ta.postLetter(bkd, values, "pk-pertama.pdf"))

	rec, err := ta.store.Recommendation(context.Background(), id)
	if err != nil {
		t.Fatalf("letter %d not stored: %v", id, err)
	}
	if rec.Number != "800/101/438.5/2026" {
		t.Errorf("number %q", rec.Number)
	}
	if rec.AgencyID != ta.agencyA.ID {
		t.Errorf("agency %d, want %d", rec.AgencyID, ta.agencyA.ID)
	}
	if rec.Quota != 3 {
		t.Errorf("quota %d, want 3", rec.Quota)
	}
	if want := values.Get("letter_date"); rec.LetterDate.String() != want {
		t.Errorf("letter date %s, want %s", rec.LetterDate, want)
	}
	if rec.CreatedBy != ta.userIDs["bkd"] {
		t.Errorf("created by %d, want bkd", rec.CreatedBy)
	}
	reqs, err := ta.store.Requirements(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2 {
		t.Fatalf("%d requirements, want 2 (the empty row skipped)", len(reqs))
	}
	if reqs[0].PositionName != "Perawat" || reqs[0].MinEducationCode != "D3" || reqs[0].Major != "Keperawatan" || reqs[0].Count != 2 {
		t.Errorf("first requirement %+v", reqs[0])
	}
	if reqs[1].PositionName != "Bidan" || reqs[1].Major != "" || reqs[1].Count != 1 {
		t.Errorf("second requirement %+v", reqs[1])
	}

	if !rec.DocumentID.Valid {
		t.Fatal("letter has no document")
	}
	doc, err := ta.store.Document(context.Background(), rec.DocumentID.Int64)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != storage.DocRecommendation {
		t.Errorf("document kind %q", doc.Kind)
	}
	if doc.ContentType != "application/pdf" {
		t.Errorf("document content type %q", doc.ContentType)
	}
	if doc.OriginalName != "pk-pertama.pdf" {
		t.Errorf("document original name %q", doc.OriginalName)
	}
	if exists, err := ta.objects.Exists(context.Background(), doc.ObjectKey); err != nil || !exists {
		t.Errorf("object %s exists=%v err=%v", doc.ObjectKey, exists, err)
	}
	if got := ta.objectCount(); got != 1 {
		t.Errorf("%d objects, want 1", got)
	}

	pdf, err := os.ReadFile(testenv.TestFile(t, "pk-pertama.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	resp := ta.get(bkd, fmt.Sprintf("/documents/%d", doc.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("document status %d, want 200", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/pdf" {
		t.Errorf("Content-Type %q, want application/pdf", got)
	}
	if resp.body != string(pdf) {
		t.Errorf("served %d bytes that differ from the uploaded %d", len(resp.body), len(pdf))
	}

	ranged := ta.get(bkd, fmt.Sprintf("/documents/%d", doc.ID), "Range", "bytes=100-199")
	if ranged.StatusCode != http.StatusPartialContent {
		t.Fatalf("range status %d, want 206", ranged.StatusCode)
	}
	if got, want := ranged.Header.Get("Content-Range"), fmt.Sprintf("bytes 100-199/%d", len(pdf)); got != want {
		t.Errorf("Content-Range %q, want %q", got, want)
	}
	if ranged.body != string(pdf[100:200]) {
		t.Errorf("range body differs from bytes 100-199 of the file")
	}
}

func TestLetterCreateShowsFlashOnLetterPage(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	id := letterIDFrom(t, ta.postLetter(bkd, ta.letterFields("800/102/438.5/2026"), "pk-pertama.pdf"))

	doc := ta.get(bkd, fmt.Sprintf("/recommendations/%d", id)).doc(t)
	if got := doc.Find(".notice.success").Text(); !strings.Contains(got, "800/102/438.5/2026") {
		t.Errorf("flash %q lacks the letter number", got)
	}
}

func TestLetterCreateHTMXRedirects(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	resp := ta.postLetter(bkd, ta.letterFields("800/103/438.5/2026"), "pk-pertama.pdf", "HX-Request", "true")
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("status %d, want 204", resp.StatusCode)
	}
	if got := resp.Header.Get("HX-Redirect"); !letterPath.MatchString(got) {
		t.Errorf("HX-Redirect %q, want a letter page", got)
	}
}

func TestLetterCreateRejectsInvalidInput(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	before := ta.letterCounts()
	today := time.Now().In(domain.Jakarta)

	cases := []struct {
		name   string
		edit   func(url.Values)
		pdf    string
		status int
		// field is the selector of the input whose message is checked; want is part of that message.
		field, want string
	}{
		{"agency missing", func(v url.Values) { v.Set("agency_id", "") }, "pk-pertama.pdf", 422, "#agency_id", "Pilih OPD"},
		{"agency unknown", func(v url.Values) { v.Set("agency_id", "999999") }, "pk-pertama.pdf", 422, "#agency_id", "tidak dikenal"},
		{"number missing", func(v url.Values) { v.Set("number", " ") }, "pk-pertama.pdf", 422, "#number", "Isi nomor surat"},
		{"date missing", func(v url.Values) { v.Set("letter_date", "") }, "pk-pertama.pdf", 422, "#letter_date", "Isi tanggal"},
		{"date not real", func(v url.Values) { v.Set("letter_date", "2026-02-30") }, "pk-pertama.pdf", 422, "#letter_date", "tidak sah"},
		{"date in future", func(v url.Values) { v.Set("letter_date", today.AddDate(0, 0, 2).Format("2006-01-02")) }, "pk-pertama.pdf", 422, "#letter_date", "setelah hari ini"},
		{"year missing", func(v url.Values) { v.Set("year", "") }, "pk-pertama.pdf", 422, "#year", "Isi tahun"},
		{"year not a number", func(v url.Values) { v.Set("year", "dua ribu") }, "pk-pertama.pdf", 422, "#year", "angka"},
		{"year far from date", func(v url.Values) { v.Set("year", "2062") }, "pk-pertama.pdf", 422, "#year", "Tahun harus antara"},
		{"quota zero", func(v url.Values) { v.Set("quota", "0") }, "pk-pertama.pdf", 422, "#quota", "lebih dari 0"},
		{"quota negative", func(v url.Values) { v.Set("quota", "-2") }, "pk-pertama.pdf", 422, "#quota", "lebih dari 0"},
		{"quota not a number", func(v url.Values) { v.Set("quota", "tiga") }, "pk-pertama.pdf", 422, "#quota", "bilangan bulat"},
		{"requirements over quota", func(v url.Values) { v.Set("quota", "2") }, "pk-pertama.pdf", 422, "fieldset > p", "melebihi kuota (2)"},
		{"no requirement rows", func(v url.Values) {
			v["req_position"], v["req_level"], v["req_major"], v["req_count"] = []string{""}, []string{""}, []string{""}, []string{""}
		}, "pk-pertama.pdf", 422, "fieldset > p", "paling sedikit satu baris"},
		{"row count missing", func(v url.Values) { v["req_count"] = []string{"2", "", ""} }, "pk-pertama.pdf", 422,
			"tr.requirement-row:nth-child(2) input[name=req_count]", "Isi jumlah"},
		{"row position missing", func(v url.Values) { v["req_position"] = []string{v["req_position"][0], "", ""} }, "pk-pertama.pdf", 422,
			"tr.requirement-row:nth-child(2) select[name=req_position]", "Pilih jabatan"},
		{"file missing", func(url.Values) {}, "", 422, "#letter", "Pilih berkas PDF"},
		{"file not a PDF", func(url.Values) {}, "bukan-pdf.pdf", 422, "#letter", "bukan PDF"},
		{"file empty", func(url.Values) {}, "kosong.pdf", 422, "#letter", "kosong"},
		{"file a photo", func(url.Values) {}, "foto-iphone.heic", 422, "#letter", "bukan PDF"},
		{"file too large", func(url.Values) {}, "terlalu-besar.pdf", 413, "#letter", "melebihi batas 10 MB"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			values := ta.letterFields(fmt.Sprintf("800/%d/438.5/2026", 200+i))
			tc.edit(values)

			resp := ta.postLetter(bkd, values, tc.pdf)

			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			doc := resp.doc(t)
			if got := letterFieldMessage(doc, tc.field); !strings.Contains(got, tc.want) {
				t.Errorf("message beside %s is %q, want it to contain %q", tc.field, got, tc.want)
			}
			checkLetterFieldsKept(t, doc, values)
			if after := ta.letterCounts(); after != before {
				t.Errorf("stored %+v after a rejected form, want %+v", after, before)
			}
		})
	}
}

// checkLetterFieldsKept checks that the re-rendered form shows every value that was sent.
func checkLetterFieldsKept(t *testing.T, doc *goquery.Document, sent url.Values) {
	t.Helper()
	trimmed := func(name string) string { return strings.TrimSpace(sent.Get(name)) }
	if got := letterSelectedValue(doc, "#agency_id"); got != trimmed("agency_id") && trimmed("agency_id") != "999999" {
		t.Errorf("agency kept as %q, want %q", got, trimmed("agency_id"))
	}
	for _, name := range []string{"number", "letter_date", "year", "quota"} {
		if got := letterInputValue(doc, "#"+name); got != trimmed(name) {
			t.Errorf("%s kept as %q, want %q", name, got, trimmed(name))
		}
	}
	rows := doc.Find("tr.requirement-row")
	if rows.Length() != len(sent["req_count"]) {
		t.Fatalf("%d requirement rows, want the %d sent", rows.Length(), len(sent["req_count"]))
	}
	rows.Each(func(i int, row *goquery.Selection) {
		if got, _ := row.Find("select[name=req_position] option[selected]").Attr("value"); got != sent["req_position"][i] {
			t.Errorf("row %d position kept as %q, want %q", i, got, sent["req_position"][i])
		}
		if got, _ := row.Find("select[name=req_level] option[selected]").Attr("value"); got != sent["req_level"][i] {
			t.Errorf("row %d level kept as %q, want %q", i, got, sent["req_level"][i])
		}
		if got, _ := row.Find("input[name=req_major]").Attr("value"); got != sent["req_major"][i] {
			t.Errorf("row %d major kept as %q, want %q", i, got, sent["req_major"][i])
		}
		if got, _ := row.Find("input[name=req_count]").Attr("value"); got != sent["req_count"][i] {
			t.Errorf("row %d count kept as %q, want %q", i, got, sent["req_count"][i])
		}
	})
}

func TestLetterCreateAsksToChooseFileAgain(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	values := ta.letterFields("800/301/438.5/2026")
	values.Set("quota", "0")

	doc := ta.postLetter(bkd, values, "pk-pertama.pdf").doc(t)

	if got := doc.Find("#letter-file-note").Text(); !strings.Contains(got, "Pilih lagi berkas PDF") {
		t.Errorf("file note %q, want a request to choose the PDF again", got)
	}
}

func TestLetterCreateHTMXAnswersFormFragment(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	values := ta.letterFields("800/302/438.5/2026")
	values.Set("quota", "0")

	resp := ta.postLetter(bkd, values, "pk-pertama.pdf", "HX-Request", "true")

	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	doc := resp.doc(t)
	if doc.Find("header.site").Length() != 0 {
		t.Errorf("htmx answer carries the whole page, want the form alone")
	}
	if doc.Find("form#letter-form").Length() != 1 {
		t.Errorf("htmx answer lacks the letter form")
	}
}

// postLetterChunked sends a multipart letter form without a declared length, as a proxy that
// re-chunks the body would, so only the streaming limit can stop it.
func (ta *testApp) postLetterChunked(c *http.Client, values url.Values, field, filename string, content []byte) response {
	ta.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, vs := range values {
		for _, v := range vs {
			if err := w.WriteField(name, v); err != nil {
				ta.t.Fatal(err)
			}
		}
	}
	part, err := w.CreateFormFile(field, filename)
	if err != nil {
		ta.t.Fatal(err)
	}
	if _, err := part.Write(content); err != nil {
		ta.t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		ta.t.Fatal(err)
	}
	// A plain io.Reader hides the length from http.NewRequest, so the body goes out chunked.
	req, err := http.NewRequest(http.MethodPost, ta.server.URL+"/recommendations", io.MultiReader(&buf))
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return ta.do(c, req)
}

func TestLetterCreateTooLargeWithoutLength(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	before := ta.letterCounts()
	values := ta.letterFields("800/303/438.5/2026")
	big, err := os.ReadFile(testenv.TestFile(t, "terlalu-besar.pdf"))
	if err != nil {
		t.Fatal(err)
	}

	resp := ta.postLetterChunked(bkd, values, "letter", "terlalu-besar.pdf", big)

	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	doc := resp.doc(t)
	if got := letterFieldMessage(doc, "#letter"); !strings.Contains(got, "melebihi batas 10 MB") {
		t.Errorf("message %q lacks the limit", got)
	}
	checkLetterFieldsKept(t, doc, values)
	if after := ta.letterCounts(); after != before {
		t.Errorf("stored %+v, want %+v", after, before)
	}
}

// TestLetterCreateJustOverLimit sends a PDF one kilobyte over the limit, so the declared length
// passes the early check and upload.Receive has to stop it.
func TestLetterCreateJustOverLimit(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	before := ta.letterCounts()
	values := ta.letterFields("800/304/438.5/2026")
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0"), int(ta.app.Limits.PDFBytes)+1<<10)...)

	resp := ta.postMultipart(bkd, "/recommendations", values, []filePart{{field: "letter", filename: "besar.pdf", content: pdf}})

	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	doc := resp.doc(t)
	if got := letterFieldMessage(doc, "#letter"); !strings.Contains(got, "melebihi batas 10 MB") {
		t.Errorf("message %q lacks the limit", got)
	}
	checkLetterFieldsKept(t, doc, values)
	if after := ta.letterCounts(); after != before {
		t.Errorf("stored %+v, want %+v", after, before)
	}
}

func TestLetterCreateDuplicateNumber(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	ta.createLetter(ta.agencyB.ID, "800/401/438.5/2026", 2)
	before := ta.letterCounts()
	values := ta.letterFields("800/401/438.5/2026")

	resp := ta.postLetter(bkd, values, "pk-pertama.pdf")

	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	doc := resp.doc(t)
	if got := letterFieldMessage(doc, "#number"); !strings.Contains(got, "sudah tercatat") {
		t.Errorf("message beside number %q, want it to say the number exists", got)
	}
	checkLetterFieldsKept(t, doc, values)
	if after := ta.letterCounts(); after != before {
		t.Errorf("stored %+v, want %+v", after, before)
	}
}

func TestLetterCreateDuplicateNumberIgnoresCase(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	ta.createLetter(ta.agencyB.ID, "800/402/BKD/2026", 2)

	resp := ta.postLetter(bkd, ta.letterFields("800/402/bkd/2026"), "pk-pertama.pdf")

	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
}

func TestLetterCreateSentTwiceCreatesOne(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	values := ta.letterFields("800/403/438.5/2026")
	values.Set("request_key", "form-7f3a")

	first := letterIDFrom(t, ta.postLetter(bkd, values, "pk-pertama.pdf"))
	second := letterIDFrom(t, ta.postLetter(bkd, values, "pk-pertama.pdf"))

	if second != first {
		t.Errorf("second submission went to letter %d, want the first one %d", second, first)
	}
	if got := ta.letterCounts(); got != (letterCounts{letters: 1, documents: 1, objects: 1}) {
		t.Errorf("stored %+v, want one letter, document and object", got)
	}
}

func TestLetterCreateOnlyBKD(t *testing.T) {
	ta := newTestApp(t)
	before := ta.letterCounts()
	for _, username := range []string{"opd-a", "superadmin"} {
		t.Run(username, func(t *testing.T) {
			c := ta.login(username)
			resp := ta.postLetter(c, ta.letterFields("800/501/438.5/2026"), "pk-pertama.pdf")
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST status %d, want 403", resp.StatusCode)
			}
			if after := ta.letterCounts(); after != before {
				t.Errorf("stored %+v, want %+v", after, before)
			}
			if resp := ta.get(c, "/recommendations/new"); resp.StatusCode != http.StatusForbidden {
				t.Errorf("form status %d, want 403", resp.StatusCode)
			}
		})
	}
}

func TestLetterFormOffersRows(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")

	doc := ta.get(bkd, "/recommendations/new").doc(t)
	if got := doc.Find("tr.requirement-row").Length(); got != letterEmptyRows {
		t.Errorf("%d empty rows, want %d", got, letterEmptyRows)
	}
	if got, _ := doc.Find("#add-requirement-row").Attr("hx-get"); got != "/recommendations/new/row" {
		t.Errorf("Tambah baris fetches %q", got)
	}
	// The file input must be the form's last field, so the text fields arrive before the file.
	if last, _ := doc.Find("#letter-form").Find("input, select, textarea").Last().Attr("name"); last != "letter" {
		t.Errorf("last field is %q, want the PDF input", last)
	}
	if key := letterInputValue(doc, "input[name=request_key]"); len(key) < 16 {
		t.Errorf("request key %q, want a random key", key)
	}

	row := ta.get(bkd, "/recommendations/new/row", "HX-Request", "true")
	if row.StatusCode != http.StatusOK {
		t.Fatalf("row status %d, want 200", row.StatusCode)
	}
	// A lone <tr> is parsed inside a table so goquery keeps it.
	rowDoc, err := goquery.NewDocumentFromReader(strings.NewReader("<table><tbody>" + row.body + "</tbody></table>"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rowDoc.Find("tr.requirement-row select[name=req_position] option").Length(); got < 2 {
		t.Errorf("new row offers %d position options, want the reference positions", got)
	}
}

// storageProxy forwards to the test MinIO until it is taken down, so an Objects opened through
// it (OpenObjects needs a reachable server) can then be pointed at a dead one.
type storageProxy struct {
	server  *httptest.Server
	stalled atomic.Bool
	release chan struct{}
	close   sync.Once
}

func newStorageProxy(t *testing.T, target string) *storageProxy {
	t.Helper()
	p := &storageProxy{release: make(chan struct{})}
	forward := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: target})
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p.stalled.Load() {
			// Accept the request and never answer, as a hung server does.
			select {
			case <-r.Context().Done():
			case <-p.release:
			}
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		close(p.release)
		p.shutDown()
	})
	return p
}

// shutDown closes the proxy's listener, so connections to it are refused.
func (p *storageProxy) shutDown() {
	p.close.Do(p.server.Close)
}

// withStorageDown returns a copy of ta whose server stores objects through a proxy that mode
// ("refused" or "stalled") then takes down. Rows still go to ta's database.
func (ta *testApp) withStorageDown(mode string) *testApp {
	ta.t.Helper()
	proxy := newStorageProxy(ta.t, ta.objCfg.Endpoint)
	cfg := ta.objCfg
	cfg.Endpoint = strings.TrimPrefix(proxy.server.URL, "http://")
	objects, err := storage.OpenObjects(context.Background(), cfg)
	if err != nil {
		ta.t.Fatalf("open objects through proxy: %v", err)
	}
	switch mode {
	case "refused":
		proxy.shutDown()
	case "stalled":
		proxy.stalled.Store(true)
	default:
		ta.t.Fatalf("unknown mode %q", mode)
	}

	app, err := New(ta.app.Config, ta.store, objects, ta.app.Log)
	if err != nil {
		ta.t.Fatal(err)
	}
	down := *ta
	down.app = app
	down.server = httptest.NewServer(app.Handler())
	ta.t.Cleanup(down.server.Close)
	return &down
}

func TestLetterCreateStorageDown(t *testing.T) {
	for _, mode := range []string{"refused", "stalled"} {
		t.Run(mode, func(t *testing.T) {
			ta := newTestApp(t)
			down := ta.withStorageDown(mode)
			bkd := down.login("bkd")
			before := ta.letterCounts()
			values := ta.letterFields("800/601/438.5/2026")

			start := time.Now()
			resp := down.postLetter(bkd, values, "pk-pertama.pdf")
			elapsed := time.Since(start)

			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503; body: %s", resp.StatusCode, resp.body)
			}
			// The test bucket's timeout is 10 s, as S3_TIMEOUT's default.
			if elapsed > 13*time.Second {
				t.Errorf("answered after %v, want about 10 s at most", elapsed)
			}
			doc := resp.doc(t)
			if got := doc.Find("#letter-notice").Text(); !strings.Contains(got, "Penyimpanan berkas sedang tidak dapat dihubungi") {
				t.Errorf("notice %q does not say object storage is unavailable", got)
			}
			checkLetterFieldsKept(t, doc, values)
			if after := ta.letterCounts(); after != before {
				t.Errorf("stored %+v, want %+v", after, before)
			}
		})
	}
}

func TestLetterCreateFieldsTooLong(t *testing.T) {
	ta := newTestApp(t)
	bkd := ta.login("bkd")
	before := ta.letterCounts()
	values := ta.letterFields("800/701/438.5/2026")
	values.Set("req_major", strings.Repeat("Keperawatan ", 6000))

	resp := ta.postLetter(bkd, values, "pk-pertama.pdf")

	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	if got := resp.doc(t).Find("#letter-notice").Text(); !strings.Contains(got, "terlalu panjang") {
		t.Errorf("notice %q, want it to say the fields are too long", got)
	}
	if after := ta.letterCounts(); after != before {
		t.Errorf("stored %+v, want %+v", after, before)
	}
}
