package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"sinop/domain"
)

// ReturnToBKD returns a proposal in final review to BKD (domain.ActionReturnToBKD) with the
// superadmin's overall reason. In the same transaction every live candidate's correction_reason
// becomes its entry in corrections, keyed by candidate id, or empty when it has none. Entries for
// other candidates are ignored. The candidates' versions do not change, because nobody else may
// write a candidate while the proposal is in final review.
func (s *Store) ReturnToBKD(ctx context.Context, req TransitionRequest, corrections map[int64]string) (Proposal, error) {
	req.Action = domain.ActionReturnToBKD
	ids := make([]int64, 0, len(corrections))
	texts := make([]string, 0, len(corrections))
	for id, text := range corrections {
		if strings.TrimSpace(text) == "" {
			continue
		}
		ids = append(ids, id)
		texts = append(texts, text)
	}
	return s.TransitionProposal(ctx, req, func(ctx context.Context, tx *sqlx.Tx, p Proposal) error {
		_, err := tx.ExecContext(ctx, `
			UPDATE candidates SET correction_reason = ''
			WHERE proposal_id = $1 AND removed_at IS NULL AND correction_reason <> ''`, p.ID)
		if err != nil {
			return fmt.Errorf("clear correction reasons: %w", err)
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE candidates c SET correction_reason = v.reason
			FROM unnest($2::bigint[], $3::text[]) AS v(id, reason)
			WHERE c.id = v.id AND c.proposal_id = $1 AND c.removed_at IS NULL`,
			p.ID, pq.Array(ids), pq.Array(texts))
		if err != nil {
			return fmt.Errorf("save correction reasons: %w", err)
		}
		return nil
	})
}

// ApprovalIncompleteError lists accepted candidates that lack data the register requires, so
// the proposal cannot be approved until BKD has them completed or rejected.
type ApprovalIncompleteError struct {
	Candidates []IncompleteCandidate
}

// IncompleteCandidate is an accepted candidate and the Indonesian names of what it lacks.
type IncompleteCandidate struct {
	ID      int64
	Name    string
	Missing []string
}

func (e *ApprovalIncompleteError) Error() string {
	return fmt.Sprintf("%d accepted candidates are incomplete", len(e.Candidates))
}

// Message returns the Indonesian explanation shown to the superadmin.
func (e *ApprovalIncompleteError) Message() string {
	parts := make([]string, 0, len(e.Candidates))
	for _, c := range e.Candidates {
		parts = append(parts, fmt.Sprintf("%s (belum ada: %s)", c.Name, strings.Join(c.Missing, ", ")))
	}
	return "Usulan belum dapat disetujui karena data calon berikut belum lengkap: " + strings.Join(parts, "; ") +
		". Kembalikan usulan ke BKD agar calon tersebut dilengkapi atau ditolak."
}

// ApproveProposal approves a proposal in final review (domain.ActionApprove) and admits its
// accepted candidates in the same transaction. Each live accepted candidate becomes an active
// employee of the proposal's agency under its letter, with the candidate's biodata, job data and
// every version of its documents, and its NIK moves from the candidate to the employee. Rejected
// and removed candidates release their NIKs. It returns the number admitted.
//
// It changes nothing and returns the domain error when a candidate is undecided or the letter's
// quota no longer holds, and *ApprovalIncompleteError when an accepted candidate lacks data.
func (s *Store) ApproveProposal(ctx context.Context, req TransitionRequest) (Proposal, int, error) {
	req.Action = domain.ActionApprove
	admitted := 0
	p, err := s.TransitionProposal(ctx, req, func(ctx context.Context, tx *sqlx.Tx, p Proposal) error {
		var err error
		admitted, err = admitCandidates(ctx, tx, p)
		return err
	})
	if err != nil {
		return Proposal{}, 0, err
	}
	return p, admitted, nil
}

func admitCandidates(ctx context.Context, tx *sqlx.Tx, p Proposal) (int, error) {
	// Approvals under one letter take turns, so two proposals that each fit the quota alone
	// cannot both be admitted past it.
	if _, err := tx.ExecContext(ctx, `SELECT id FROM recommendations WHERE id = $1 FOR UPDATE`, p.RecommendationID); err != nil {
		return 0, fmt.Errorf("lock recommendation: %w", err)
	}
	var decisions []domain.Decision
	err := tx.SelectContext(ctx, &decisions, `
		SELECT decision FROM candidates WHERE proposal_id = $1 AND removed_at IS NULL`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("select candidate decisions: %w", err)
	}
	quota, err := ProposalQuota(ctx, tx, p.ID)
	if err != nil {
		return 0, err
	}
	if err := domain.CheckSendable(decisions, quota); err != nil {
		return 0, err
	}
	if err := checkAdmissible(ctx, tx, p.ID); err != nil {
		return 0, err
	}

	res, err := tx.ExecContext(ctx, `
		INSERT INTO employees (agency_id, candidate_id, recommendation_id, nik, family_card_number, full_name,
			title_prefix, title_suffix, birth_place, birth_date, religion_id, sex, marital_status, blood_type,
			address_ktp, address_domicile, email, phone, npwp, education_level_id, education_major,
			education_institution, graduation_year, applied_education_level_id, applied_education_major,
			classification_id, salary_standard_id, position_id, position_type, start_date, status)
		SELECT p.agency_id, c.id, p.recommendation_id, c.nik, c.family_card_number, c.full_name,
			c.title_prefix, c.title_suffix, c.birth_place, c.birth_date, c.religion_id, c.sex, c.marital_status,
			c.blood_type, c.address_ktp, c.address_domicile, c.email, c.phone, c.npwp, c.education_level_id,
			c.education_major, c.education_institution, c.graduation_year, c.applied_education_level_id,
			c.applied_education_major, c.classification_id, c.salary_standard_id, c.position_id,
			c.position_type, c.start_date, 'active'
		FROM candidates c JOIN proposals p ON p.id = c.proposal_id
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL AND c.decision = 'accepted'
		ORDER BY c.id`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("insert employees: %w", err)
	}
	admitted, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("count inserted employees: %w", err)
	}

	_, err = tx.ExecContext(ctx, `
		UPDATE candidate_documents cd SET employee_id = e.id
		FROM employees e JOIN candidates c ON c.id = e.candidate_id
		WHERE cd.candidate_id = e.candidate_id AND c.proposal_id = $1`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("link documents to employees: %w", err)
	}

	res, err = tx.ExecContext(ctx, `
		UPDATE active_niks n SET candidate_id = NULL, employee_id = e.id
		FROM employees e JOIN candidates c ON c.id = e.candidate_id
		WHERE n.candidate_id = e.candidate_id AND c.proposal_id = $1`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("move active NIKs to employees: %w", err)
	}
	moved, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("count moved NIKs: %w", err)
	}
	if moved != admitted {
		// Every candidate claims its NIK when it is stored, so a missing claim is a broken row.
		return 0, fmt.Errorf("move active NIKs: %d of %d admitted candidates hold an active NIK", moved, admitted)
	}

	// A finished proposal holds no NIK: the rejected (and any removed) candidates release theirs.
	_, err = tx.ExecContext(ctx, `
		DELETE FROM active_niks n USING candidates c
		WHERE n.candidate_id = c.id AND c.proposal_id = $1`, p.ID)
	if err != nil {
		return 0, fmt.Errorf("release NIKs of candidates not admitted: %w", err)
	}
	return int(admitted), nil
}

// checkAdmissible returns an *ApprovalIncompleteError when a live accepted candidate lacks a
// field the register requires or one of the required documents: photo, KTP, KK, diploma and
// first PK, plus the spouse's photo for a married candidate.
func checkAdmissible(ctx context.Context, tx *sqlx.Tx, proposalID int64) error {
	var rows []struct {
		ID      int64          `db:"id"`
		Name    string         `db:"name"`
		Missing pq.StringArray `db:"missing"`
	}
	err := tx.SelectContext(ctx, &rows, `
		WITH docs AS (
			SELECT cd.candidate_id, array_agg(d.kind) AS kinds
			FROM candidate_documents cd
			JOIN documents d ON d.id = cd.document_id AND d.superseded_at IS NULL
			JOIN candidates c ON c.id = cd.candidate_id
			WHERE c.proposal_id = $1
			GROUP BY cd.candidate_id)
		SELECT c.id, coalesce(nullif(c.full_name, ''), c.nik) AS name, array_remove(ARRAY[
			CASE WHEN c.family_card_number = '' THEN 'No KK' END,
			CASE WHEN c.full_name = '' THEN 'nama lengkap' END,
			CASE WHEN c.birth_place = '' THEN 'tempat lahir' END,
			CASE WHEN c.birth_date IS NULL THEN 'tanggal lahir' END,
			CASE WHEN c.religion_id IS NULL THEN 'agama' END,
			CASE WHEN c.sex = '' THEN 'jenis kelamin' END,
			CASE WHEN c.marital_status = '' THEN 'status perkawinan' END,
			CASE WHEN c.address_ktp = '' THEN 'alamat KTP' END,
			CASE WHEN c.address_domicile = '' THEN 'alamat domisili' END,
			CASE WHEN c.education_level_id IS NULL THEN 'jenjang pendidikan terakhir' END,
			CASE WHEN c.education_major = '' THEN 'jurusan pendidikan terakhir' END,
			CASE WHEN c.education_institution = '' THEN 'institusi pendidikan terakhir' END,
			CASE WHEN c.graduation_year IS NULL THEN 'tahun lulus' END,
			CASE WHEN c.applied_education_level_id IS NULL THEN 'jenjang pendidikan sesuai lamaran' END,
			CASE WHEN c.applied_education_major = '' THEN 'jurusan pendidikan sesuai lamaran' END,
			CASE WHEN c.classification_id IS NULL THEN 'klasifikasi pegawai' END,
			CASE WHEN c.salary_standard_id IS NULL THEN 'standar gaji' END,
			CASE WHEN c.position_id IS NULL THEN 'jabatan' END,
			CASE WHEN c.position_type = '' THEN 'jenis jabatan' END,
			CASE WHEN c.start_date IS NULL THEN 'TMT' END,
			CASE WHEN NOT coalesce('photo' = ANY(docs.kinds), false) THEN 'Pas foto' END,
			CASE WHEN c.marital_status = 'kawin' AND NOT coalesce('spouse_photo' = ANY(docs.kinds), false)
			     THEN 'Foto suami/istri' END,
			CASE WHEN NOT coalesce('ktp' = ANY(docs.kinds), false) THEN 'KTP' END,
			CASE WHEN NOT coalesce('kk' = ANY(docs.kinds), false) THEN 'Kartu Keluarga (KK)' END,
			CASE WHEN NOT coalesce('diploma' = ANY(docs.kinds), false) THEN 'Ijazah sesuai lamaran' END,
			CASE WHEN NOT coalesce('first_pk' = ANY(docs.kinds), false) THEN 'Perjanjian Kinerja (PK) pertama' END
		], NULL) AS missing
		FROM candidates c LEFT JOIN docs ON docs.candidate_id = c.id
		WHERE c.proposal_id = $1 AND c.removed_at IS NULL AND c.decision = 'accepted'
		ORDER BY c.id`, proposalID)
	if err != nil {
		return fmt.Errorf("check accepted candidates are complete: %w", err)
	}
	var incomplete []IncompleteCandidate
	for _, r := range rows {
		if len(r.Missing) > 0 {
			incomplete = append(incomplete, IncompleteCandidate{ID: r.ID, Name: r.Name, Missing: r.Missing})
		}
	}
	if len(incomplete) > 0 {
		return &ApprovalIncompleteError{Candidates: incomplete}
	}
	return nil
}
