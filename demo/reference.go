package demo

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"sinop/storage"
)

// Reference rows shared by the demo and by tests. Salary amounts are invented round figures.
var (
	religions       = []string{"Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu", "Kepercayaan terhadap Tuhan YME"}
	educationLevels = []storage.EducationLevel{
		{Code: "SD", Name: "Sekolah Dasar", Rank: 10},
		{Code: "SMP", Name: "Sekolah Menengah Pertama", Rank: 20},
		{Code: "SMA", Name: "SMA/SMK/sederajat", Rank: 30},
		{Code: "D1", Name: "Diploma I", Rank: 40},
		{Code: "D2", Name: "Diploma II", Rank: 50},
		{Code: "D3", Name: "Diploma III", Rank: 60},
		{Code: "D4", Name: "Diploma IV / Sarjana Terapan", Rank: 70},
		{Code: "S1", Name: "Sarjana (S1)", Rank: 71},
		{Code: "S2", Name: "Magister (S2)", Rank: 80},
		{Code: "S3", Name: "Doktor (S3)", Rank: 90},
	}
	classifications = []string{"Tenaga Administrasi", "Tenaga Kesehatan", "Tenaga Pendidik", "Tenaga Teknis", "Tenaga Operasional"}
	salaryStandards = []storage.SalaryStandard{
		{Name: "Standar I (SD/SMP)", Amount: 1_800_000},
		{Name: "Standar II (SMA/SMK)", Amount: 2_200_000},
		{Name: "Standar III (Diploma)", Amount: 2_600_000},
		{Name: "Standar IV (Sarjana)", Amount: 3_000_000},
		{Name: "Standar V (Profesi Kesehatan)", Amount: 3_400_000},
	}
	positions = []storage.Position{
		{Name: "Pengadministrasi Umum", PositionType: "pelaksana"},
		{Name: "Pengelola Keuangan", PositionType: "pelaksana"},
		{Name: "Operator Layanan Operasional", PositionType: "pelaksana"},
		{Name: "Pramu Kebersihan", PositionType: "pelaksana"},
		{Name: "Pengemudi", PositionType: "pelaksana"},
		{Name: "Penata Kelola Sistem dan Teknologi Informasi", PositionType: "pelaksana"},
		{Name: "Perawat", PositionType: "fungsional"},
		{Name: "Bidan", PositionType: "fungsional"},
		{Name: "Pranata Laboratorium Kesehatan", PositionType: "fungsional"},
		{Name: "Guru Kelas", PositionType: "fungsional"},
		{Name: "Penyuluh Pertanian", PositionType: "fungsional"},
	}
)

// LoadReference inserts the reference tables (religions, education levels, classifications,
// salary standards, positions), skipping rows already present.
func LoadReference(ctx context.Context, store *storage.Store) error {
	return store.InTx(ctx, func(tx *sqlx.Tx) error { return insertReference(ctx, tx) })
}

// insertReference is LoadReference inside the caller's transaction.
func insertReference(ctx context.Context, tx *sqlx.Tx) error {
	for _, name := range religions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO religions (name) VALUES ($1) ON CONFLICT DO NOTHING`, name); err != nil {
			return fmt.Errorf("insert religion: %w", err)
		}
	}
	for _, l := range educationLevels {
		if _, err := tx.ExecContext(ctx, `INSERT INTO education_levels (code, name, rank) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			l.Code, l.Name, l.Rank); err != nil {
			return fmt.Errorf("insert education level: %w", err)
		}
	}
	for _, name := range classifications {
		if _, err := tx.ExecContext(ctx, `INSERT INTO employee_classifications (name) VALUES ($1) ON CONFLICT DO NOTHING`, name); err != nil {
			return fmt.Errorf("insert classification: %w", err)
		}
	}
	for _, s := range salaryStandards {
		if _, err := tx.ExecContext(ctx, `INSERT INTO salary_standards (name, amount) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
			s.Name, s.Amount); err != nil {
			return fmt.Errorf("insert salary standard: %w", err)
		}
	}
	for _, p := range positions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO positions (name, position_type) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
			p.Name, p.PositionType); err != nil {
			return fmt.Errorf("insert position: %w", err)
		}
	}
	return nil
}
