package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sinop/domain"
)

func TestVerificationPageTable(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, true)
	var letterID int64
	if err := ta.store.DB.Get(&letterID, `SELECT recommendation_id FROM proposals WHERE id = $1`, pid); err != nil {
		t.Fatal(err)
	}
	// A second candidate applied with a school certificate and has uploaded nothing yet.
	sma := ta.completeCandidate(pid, 50, "Budi Santoso")
	sma.TitleSuffix = ""
	sma.TitlePrefix = "Ns."
	sma.AppliedEducationLevelID = sql.NullInt64{Int64: ta.refID("education_levels", "code", "SMA"), Valid: true}
	smaID := ta.insertCandidate(sma)

	resp := ta.get(ta.login("bkd"), fmt.Sprintf("/verification/%d", pid))
	requireWorkflowStatus(t, resp, http.StatusOK)
	doc := resp.doc(t)

	t.Run("header", func(t *testing.T) {
		if got := doc.Find("#proposal-agency").Text(); got != "Dinas Kesehatan" {
			t.Errorf("agency %q, want Dinas Kesehatan", got)
		}
		if got := doc.Find("#letter-link").AttrOr("href", ""); got != fmt.Sprintf("/recommendations/%d", letterID) {
			t.Errorf("letter link %q, want the letter's page", got)
		}
		if got := doc.Find("#proposal-status").AttrOr("data-status", ""); got != "submitted" {
			t.Errorf("status %q, want submitted", got)
		}
	})
	t.Run("quota", func(t *testing.T) {
		for id, want := range map[string]string{"#quota-total": "5", "#quota-used": "2", "#quota-remaining": "3", "#decided-count": "0 / 2"} {
			if got := strings.TrimSpace(doc.Find(id).Text()); got != want {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
		}
		if doc.Find("#over-quota-notice").Length() != 0 {
			t.Error("over-quota notice shown within quota")
		}
	})
	t.Run("requirements", func(t *testing.T) {
		cells := workflowTexts(doc.Find("#requirements tbody tr").First().Find("td"))
		if want := []string{"Perawat", "D3", "Keperawatan", "5"}; !slices.Equal(cells, want) {
			t.Errorf("requirement cells %v, want %v", cells, want)
		}
	})
	t.Run("complete candidate", func(t *testing.T) {
		row := doc.Find(fmt.Sprintf("tr#candidate-%d", ids[0]))
		if got := row.Find(".candidate-name").Text(); got != "Calon A, A.Md.Kep" {
			t.Errorf("name %q, want it with titles", got)
		}
		if got := row.Find(".candidate-nik").Text(); got != testNIK(0, true) {
			t.Errorf("NIK %q, want %q", got, testNIK(0, true))
		}

		if got := row.Find(`.education-check[data-ok="true"]`).Text(); got != "Sesuai" {
			t.Errorf("education check %q, want Sesuai", got)
		}

		var want []string
		err := ta.store.DB.Select(&want, `
			SELECT '/documents/' || d.id FROM candidate_documents cd JOIN documents d ON d.id = cd.document_id
			WHERE cd.candidate_id = $1 AND d.superseded_at IS NULL ORDER BY d.id`, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		row.Find("a.doc-link").Each(func(_ int, a *goquery.Selection) {
			got = append(got, a.AttrOr("href", ""))
			if a.AttrOr("target", "") != "_blank" {
				t.Errorf("document link %s does not open in a new tab", a.AttrOr("href", ""))
			}
		})
		if !slices.Equal(got, want) || len(got) != 6 {
			t.Errorf("document links %v, want the six current documents %v", got, want)
		}

		if row.Find("form.accept-form[hx-target='closest tr'][hx-swap=outerHTML]").Length() != 1 {
			t.Error("accept form does not swap its own row")
		}
		if row.Find("details.reject form.reject-form[hx-target='closest tr'] textarea[name=reason]").Length() != 1 {
			t.Error("reject form with a reason field is missing")
		}
	})
	t.Run("mismatched candidate", func(t *testing.T) {
		row := doc.Find(fmt.Sprintf("tr#candidate-%d", smaID))
		if got := row.Find(".candidate-name").Text(); got != "Ns. Budi Santoso" {
			t.Errorf("name %q, want the prefix title kept", got)
		}
		if got := row.Find(`.education-check[data-ok="false"]`).Text(); got != "Pendidikan di bawah minimal D3" {
			t.Errorf("education check %q, want the level mismatch", got)
		}
		if got := row.Find(".doc-missing").Length(); got != 6 {
			t.Errorf("%d documents marked missing, want 6", got)
		}
	})
	t.Run("timeline and actions", func(t *testing.T) {
		if !slices.Contains(workflowTexts(doc.Find("#timeline li strong")), domain.ActionSubmit.Label()) {
			t.Error("timeline lacks the submission")
		}
		if doc.Find("#return-form textarea[name=reason]").Length() != 1 {
			t.Error("return form missing")
		}
		if doc.Find("#send-form #send-button[disabled]").Length() != 1 {
			t.Error("send button is not disabled while rows are pending")
		}
	})
}

func TestVerificationPageOverQuota(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(1, 2, false)
	bkd := ta.login("bkd")

	doc := ta.get(bkd, fmt.Sprintf("/verification/%d", pid)).doc(t)
	if got := strings.TrimSpace(doc.Find("#quota-remaining").Text()); got != "-1" {
		t.Errorf("remaining %q, want -1", got)
	}
	if doc.Find("#quota-remaining-box.over-quota").Length() != 1 {
		t.Error("remaining quota is not highlighted")
	}
	if !strings.Contains(doc.Find("#over-quota-notice").Text(), "alasan pengembalian wajib diisi karena kuota terlampaui") {
		t.Errorf("over-quota notice %q does not say the return needs a reason", doc.Find("#over-quota-notice").Text())
	}

	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowDecide(pid, ids[1], domain.DecisionAccepted, "")
	doc = ta.get(bkd, fmt.Sprintf("/verification/%d", pid)).doc(t)
	if doc.Find("#send-button[disabled]").Length() != 1 {
		t.Error("send button enabled over quota")
	}
	if got := strings.TrimSpace(doc.Find("#send-blocked").Text()); got != workflowSentence(domain.ErrOverQuota.Error()) {
		t.Errorf("send blocked by %q, want the over-quota rule", got)
	}
}

func TestVerificationPageReturnedByReview(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")
	ta.workflowMustMove(pid, "superadmin", domain.ActionReturnToBKD, "Cek ulang ijazah")

	doc := ta.get(ta.login("bkd"), fmt.Sprintf("/verification/%d", pid)).doc(t)
	if !strings.Contains(doc.Find("#superadmin-reason").Text(), "Cek ulang ijazah") {
		t.Error("superadmin's reason not shown")
	}
	if got := strings.TrimSpace(doc.Find("#send-button").Text()); got != "Kirim ulang ke superadmin" {
		t.Errorf("send button %q, want the resend label", got)
	}
	if _, disabled := doc.Find("#send-button").Attr("disabled"); disabled {
		t.Error("resend disabled although every row is decided")
	}
}

func TestVerificationPageReadOnlyInReview(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, false)
	ta.workflowDecide(pid, ids[0], domain.DecisionAccepted, "")
	ta.workflowMustMove(pid, "bkd", domain.ActionSendToSuperadmin, "")

	doc := ta.get(ta.login("bkd"), fmt.Sprintf("/verification/%d", pid)).doc(t)
	for _, sel := range []string{"form.accept-form", "form.reject-form", "#return-form", "#send-form"} {
		if doc.Find(sel).Length() != 0 {
			t.Errorf("%s offered while the proposal is in final review", sel)
		}
	}
	if doc.Find(fmt.Sprintf("tr#candidate-%d .decision", ids[0])).Text() != domain.DecisionAccepted.Label() {
		t.Error("decision not shown read-only")
	}
}

func TestVerificationPageCurrentDocumentVersion(t *testing.T) {
	ta := newTestApp(t)
	pid, ids := ta.verificationFixture(5, 1, true)
	replaced := ta.attachDocument(ids[0], "photo", "foto-pasangan.png")

	doc := ta.get(ta.login("bkd"), fmt.Sprintf("/verification/%d", pid)).doc(t)
	links := doc.Find(fmt.Sprintf(`tr#candidate-%d li[data-kind=photo] a.doc-link`, ids[0]))
	if links.Length() != 1 {
		t.Fatalf("%d photo links, want 1", links.Length())
	}
	if got := links.AttrOr("href", ""); got != fmt.Sprintf("/documents/%d", replaced.ID) {
		t.Errorf("photo link %q, want the newest version %d", got, replaced.ID)
	}
}

func TestWorkflowQueues(t *testing.T) {
	ta := newTestApp(t)
	letter := ta.createLetter(ta.agencyA.ID, "800/20/2026", 20)
	newProposal := func(n int) int64 {
		pid := ta.createProposal(ta.agencyA.ID, letter, "opd-a")
		for i := range n {
			ta.insertCandidate(ta.completeCandidate(pid, ta.count(`SELECT count(*) FROM candidates`), fmt.Sprintf("Calon %d", i)))
		}
		return pid
	}
	early, late := newProposal(1), newProposal(3)
	// Submitted in the other order than created: the queue follows submission.
	ta.workflowMustMove(late, "opd-a", domain.ActionSubmit, "")
	ta.workflowMustMove(early, "opd-a", domain.ActionSubmit, "")
	returned := newProposal(1)
	ta.workflowMustMove(returned, "opd-a", domain.ActionSubmit, "")
	inReview := newProposal(1)
	ta.workflowMustMove(inReview, "opd-a", domain.ActionSubmit, "")
	var cids []int64
	if err := ta.store.DB.Select(&cids, `SELECT id FROM candidates WHERE proposal_id IN ($1, $2)`, returned, inReview); err != nil {
		t.Fatal(err)
	}
	for _, cid := range cids {
		var pid int64
		if err := ta.store.DB.Get(&pid, `SELECT proposal_id FROM candidates WHERE id = $1`, cid); err != nil {
			t.Fatal(err)
		}
		ta.workflowDecide(pid, cid, domain.DecisionAccepted, "")
	}
	ta.workflowMustMove(returned, "bkd", domain.ActionSendToSuperadmin, "")
	ta.workflowMustMove(returned, "superadmin", domain.ActionReturnToBKD, "Koreksi")
	ta.workflowMustMove(inReview, "bkd", domain.ActionSendToSuperadmin, "")
	backToAgency := newProposal(1)
	ta.workflowMustMove(backToAgency, "opd-a", domain.ActionSubmit, "")
	ta.workflowMustMove(backToAgency, "bkd", domain.ActionReturnToOPD, "Lengkapi berkas")
	newProposal(1) // a draft

	rowIDs := func(doc *goquery.Document, table string) []string {
		var ids []string
		doc.Find(table + " tbody tr").Each(func(_ int, tr *goquery.Selection) { ids = append(ids, tr.AttrOr("id", "")) })
		return ids
	}
	verification := ta.get(ta.login("bkd"), "/verification").doc(t)
	want := []string{fmt.Sprintf("proposal-%d", late), fmt.Sprintf("proposal-%d", early), fmt.Sprintf("proposal-%d", returned)}
	if got := rowIDs(verification, "#verification-queue"); !slices.Equal(got, want) {
		t.Errorf("verification queue %v, want %v", got, want)
	}
	if got := strings.TrimSpace(verification.Find(fmt.Sprintf("#proposal-%d td[data-label=\"Jumlah calon\"]", late)).Text()); got != "3" {
		t.Errorf("candidate count %q, want 3", got)
	}

	review := ta.get(ta.login("superadmin"), "/review").doc(t)
	if got := rowIDs(review, "#review-queue"); !slices.Equal(got, []string{fmt.Sprintf("proposal-%d", inReview)}) {
		t.Errorf("review queue %v, want only proposal %d", got, inReview)
	}
}
