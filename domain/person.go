package domain

// Sex codes as stored: L (laki-laki) and P (perempuan), the codes on Indonesian identity cards.
const (
	SexMale   = "L"
	SexFemale = "P"
)

// SexLabel returns the Indonesian word for a sex code.
func SexLabel(code string) string {
	switch code {
	case SexMale:
		return "Laki-laki"
	case SexFemale:
		return "Perempuan"
	}
	return "-"
}

// MaritalStatus codes as stored.
const (
	MaritalSingle   = "belum_kawin"
	MaritalMarried  = "kawin"
	MaritalDivorced = "cerai_hidup"
	MaritalWidowed  = "cerai_mati"
)

// Option is a value and its Indonesian label for a select box.
type Option struct {
	Value string
	Label string
}

// MaritalStatuses lists the marital statuses in the order forms show them.
var MaritalStatuses = []Option{
	{MaritalSingle, "Belum kawin"},
	{MaritalMarried, "Kawin"},
	{MaritalDivorced, "Cerai hidup"},
	{MaritalWidowed, "Cerai mati"},
}

// BloodTypes lists the blood types a form accepts; "" means not known.
var BloodTypes = []Option{
	{"", "Tidak diketahui"},
	{"A+", "A+"}, {"A-", "A-"}, {"B+", "B+"}, {"B-", "B-"},
	{"AB+", "AB+"}, {"AB-", "AB-"}, {"O+", "O+"}, {"O-", "O-"},
	{"A", "A (rhesus tidak diketahui)"}, {"B", "B (rhesus tidak diketahui)"},
	{"AB", "AB (rhesus tidak diketahui)"}, {"O", "O (rhesus tidak diketahui)"},
}

// PositionTypes lists the kinds of position (jenis jabatan) a non-ASN employee can hold.
var PositionTypes = []Option{
	{"pelaksana", "Jabatan Pelaksana"},
	{"fungsional", "Jabatan Fungsional"},
}

// OptionLabel returns the label of value in options, or the value itself when it is unknown.
func OptionLabel(options []Option, value string) string {
	for _, o := range options {
		if o.Value == value {
			return o.Label
		}
	}
	if value == "" {
		return "-"
	}
	return value
}

// HasOption reports whether value is one of options.
func HasOption(options []Option, value string) bool {
	for _, o := range options {
		if o.Value == value {
			return true
		}
	}
	return false
}
