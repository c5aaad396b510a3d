package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Document kinds as stored in documents.kind.
const (
	DocPhoto          = "photo"
	DocSpousePhoto    = "spouse_photo"
	DocKTP            = "ktp"
	DocKK             = "kk"
	DocDiploma        = "diploma"
	DocFirstPK        = "first_pk"
	DocRecommendation = "recommendation_letter"
)

// CandidateDocumentKinds lists the six documents of a candidate in the order forms show them.
var CandidateDocumentKinds = []string{DocPhoto, DocSpousePhoto, DocKTP, DocKK, DocDiploma, DocFirstPK}

// DocumentLabel returns the Indonesian name of a document kind.
func DocumentLabel(kind string) string {
	switch kind {
	case DocPhoto:
		return "Pas foto"
	case DocSpousePhoto:
		return "Foto suami/istri"
	case DocKTP:
		return "KTP"
	case DocKK:
		return "Kartu Keluarga (KK)"
	case DocDiploma:
		return "Ijazah sesuai lamaran"
	case DocFirstPK:
		return "Perjanjian Kinerja (PK) pertama"
	case DocRecommendation:
		return "Surat rekomendasi"
	}
	return kind
}

// Document is one stored version of a file; the bytes are in object storage under ObjectKey.
type Document struct {
	ID           int64      `db:"id"`
	Kind         string     `db:"kind"`
	ObjectKey    string     `db:"object_key"`
	ContentType  string     `db:"content_type"`
	SizeBytes    int64      `db:"size_bytes"`
	OriginalName string     `db:"original_name"`
	UploadedBy   int64      `db:"uploaded_by"`
	CreatedAt    time.Time  `db:"created_at"`
	SupersededAt *time.Time `db:"superseded_at"`
}

// NewObjectKey returns a generated key for a document's object; the original file name is never
// part of it.
func NewObjectKey(kind string) string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw)
	return fmt.Sprintf("documents/%s/%s/%s", kind, time.Now().UTC().Format("2006/01"), hex.EncodeToString(raw))
}

// InsertDocument inserts a document row inside tx and returns it with its id and time.
func (s *Store) InsertDocument(ctx context.Context, tx *sqlx.Tx, d Document) (Document, error) {
	err := tx.QueryRowxContext(ctx, `
		INSERT INTO documents (kind, object_key, content_type, size_bytes, original_name, uploaded_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
		d.Kind, d.ObjectKey, d.ContentType, d.SizeBytes, d.OriginalName, d.UploadedBy).Scan(&d.ID, &d.CreatedAt)
	if err != nil {
		return Document{}, fmt.Errorf("insert document: %w", err)
	}
	return d, nil
}

// Document returns a document row by id.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	var d Document
	err := s.DB.GetContext(ctx, &d, `
		SELECT id, kind, object_key, content_type, size_bytes, original_name, uploaded_by, created_at, superseded_at
		FROM documents WHERE id = $1`, id)
	if err != nil {
		return Document{}, notFound(err, "select document")
	}
	return d, nil
}

// DocumentVisibleToAgency reports whether an agency's admin may open a document: a recommendation
// letter addressed to the agency, a document of a candidate in one of the agency's proposals, or
// one of an employee in the agency's register. Superseded versions count like current ones.
func (s *Store) DocumentVisibleToAgency(ctx context.Context, documentID, agencyID int64) (bool, error) {
	var visible bool
	err := s.DB.GetContext(ctx, &visible, `
		SELECT EXISTS (SELECT 1 FROM recommendations r WHERE r.document_id = $1 AND r.agency_id = $2)
		    OR EXISTS (SELECT 1 FROM candidate_documents cd
		               JOIN candidates c ON c.id = cd.candidate_id
		               JOIN proposals p ON p.id = c.proposal_id
		               WHERE cd.document_id = $1 AND p.agency_id = $2)
		    OR EXISTS (SELECT 1 FROM candidate_documents cd
		               JOIN employees e ON e.id = cd.employee_id
		               WHERE cd.document_id = $1 AND e.agency_id = $2)`, documentID, agencyID)
	if err != nil {
		return false, fmt.Errorf("check document access: %w", err)
	}
	return visible, nil
}
