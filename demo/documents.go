package demo

import (
	"fmt"
	"strings"

	"sinop/domain"
	"sinop/storage"
	"sinop/upload"
)

// demoNotice ends every generated document, so nobody mistakes one for a real letter.
const demoNotice = "Dokumen contoh untuk demo SINOP. Semua nama, nomor, dan alamat adalah rekaan."

// generatedFile is the content of one demo document before it is stored.
type generatedFile struct {
	Name        string
	ContentType string
	Data        []byte
}

// letterFile writes BKD's recommendation letter to an agency as a one-page PDF.
func letterFile(l letter, agencyName string) generatedFile {
	lines := []pdfLine{
		{Text: "PEMERINTAH KABUPATEN SIDOARJO", Bold: true, Size: 14},
		{Text: "BADAN KEPEGAWAIAN DAERAH", Bold: true, Size: 13},
		{Text: "Jl. Delta Raya Nomor 12, Sidoarjo 61212", Size: 9},
		{},
		{Text: "Nomor    : " + l.Number},
		{Text: "Tanggal  : " + domain.FormatDate(l.Date)},
		{Text: "Perihal  : Rekomendasi Pengangkatan Pegawai Non ASN Tahun " + fmt.Sprint(l.Year)},
		{},
		{Text: "Kepada Yth."},
		{Text: "Kepala " + agencyName + " Kabupaten Sidoarjo"},
		{Text: "di Sidoarjo"},
		{},
		{Text: "Menindaklanjuti usulan kebutuhan pegawai non ASN dari " + agencyName + ","},
		{Text: fmt.Sprintf("Badan Kepegawaian Daerah memberikan rekomendasi untuk tahun %d dengan kuota", l.Year)},
		{Text: fmt.Sprintf("%d orang, dengan rincian sebagai berikut:", l.Quota)},
		{},
	}
	for i, q := range l.Requirements {
		major := ""
		if q.Major != "" {
			major = " jurusan " + q.Major
		}
		lines = append(lines, pdfLine{Text: fmt.Sprintf("%d. %s, pendidikan minimal %s%s: %d orang", i+1, q.Position, q.MinLevel, major, q.Count)})
	}
	lines = append(lines,
		pdfLine{},
		pdfLine{Text: "Usulan calon pegawai disampaikan melalui SINOP beserta dokumen persyaratan lengkap."},
		pdfLine{Text: "Calon yang diusulkan melebihi kuota atau tidak memenuhi persyaratan pendidikan tidak"},
		pdfLine{Text: "dapat diproses."},
		pdfLine{},
		pdfLine{Text: "Kepala Badan Kepegawaian Daerah"},
		pdfLine{Text: "Kabupaten Sidoarjo"},
		pdfLine{},
		pdfLine{},
		pdfLine{Text: "Drs. Slamet Widodo, M.Si.", Bold: true},
		pdfLine{},
		pdfLine{Text: demoNotice, Size: 8},
	)
	return generatedFile{Name: l.FileName, ContentType: upload.TypePDF, Data: onePagePDF(lines)}
}

// personFile generates one of a candidate's documents.
func personFile(p person, kind, positionName, agencyName string) (generatedFile, error) {
	slug := strings.ToLower(strings.Fields(p.Name)[0])
	switch kind {
	case storage.DocPhoto:
		data, err := encodeJPEG(drawPortrait(p.Portrait))
		return generatedFile{Name: "pas-foto-" + slug + ".jpg", ContentType: upload.TypeJPEG, Data: data}, err
	case storage.DocSpousePhoto:
		spouse := portrait{Background: p.Portrait.Background, Skin: rgb(190, 146, 104), Hair: rgb(15, 15, 15), Clothes: rgb(40, 60, 110)}
		data, err := encodePNG(drawPortrait(spouse))
		return generatedFile{Name: "foto-pasangan-" + slug + ".png", ContentType: upload.TypePNG, Data: data}, err
	case storage.DocKTP:
		data, err := encodeJPEG(drawKTPScan(p.Portrait.Background))
		return generatedFile{Name: "ktp-" + slug + ".jpg", ContentType: upload.TypeJPEG, Data: data}, err
	case storage.DocKK:
		data, err := encodePNG(drawKKScan())
		return generatedFile{Name: "kk-" + slug + ".png", ContentType: upload.TypePNG, Data: data}, err
	case storage.DocDiploma:
		return generatedFile{Name: "ijazah-" + slug + ".pdf", ContentType: upload.TypePDF, Data: onePagePDF(diplomaLines(p))}, nil
	case storage.DocFirstPK:
		return generatedFile{Name: "pk-" + slug + ".pdf", ContentType: upload.TypePDF, Data: onePagePDF(agreementLines(p, positionName, agencyName))}, nil
	}
	return generatedFile{}, fmt.Errorf("generate document: unknown kind %q", kind)
}

func diplomaLines(p person) []pdfLine {
	return []pdfLine{
		{Text: strings.ToUpper(p.Institution), Bold: true, Size: 14},
		{},
		{Text: "IJAZAH", Bold: true, Size: 18},
		{},
		{Text: "Diberikan kepada:"},
		{Text: domain.FullNameWithTitles("", p.Name, p.Suffix), Bold: true, Size: 13},
		{Text: fmt.Sprintf("Lahir di %s, %s", p.BirthPlace, domain.FormatDate(p.BirthDate))},
		{},
		{Text: fmt.Sprintf("yang telah menyelesaikan pendidikan %s %s", p.Level, p.Major)},
		{Text: fmt.Sprintf("dan dinyatakan lulus pada tahun %d.", p.GraduationYear)},
		{},
		{Text: fmt.Sprintf("Nomor ijazah: DH/%d/%s", p.GraduationYear, p.NIK[12:])},
		{},
		{Text: demoNotice, Size: 8},
	}
}

func agreementLines(p person, positionName, agencyName string) []pdfLine {
	return []pdfLine{
		{Text: fmt.Sprintf("PERJANJIAN KINERJA TAHUN %d", p.StartDate.Year()), Bold: true, Size: 14},
		{Text: "PEGAWAI NON ASN " + strings.ToUpper(agencyName), Bold: true},
		{},
		{Text: "Yang bertanda tangan di bawah ini:"},
		{Text: "Nama     : " + domain.FullNameWithTitles(p.Prefix, p.Name, p.Suffix)},
		{Text: "Jabatan  : " + positionName},
		{Text: "Unit     : " + agencyName + " Kabupaten Sidoarjo"},
		{},
		{Text: "berjanji mewujudkan target kinerja berikut sejak " + domain.FormatDate(p.StartDate) + ":"},
		{Text: "1. Menyelesaikan tugas pelayanan sesuai standar operasional prosedur."},
		{Text: "2. Hadir dan melaporkan kegiatan harian tepat waktu."},
		{Text: "3. Mengikuti pembinaan dan evaluasi kinerja setiap semester."},
		{},
		{Text: "Sidoarjo, " + domain.FormatDate(p.StartDate)},
		{},
		{Text: domain.FullNameWithTitles(p.Prefix, p.Name, p.Suffix), Bold: true},
		{},
		{Text: demoNotice, Size: 8},
	}
}
