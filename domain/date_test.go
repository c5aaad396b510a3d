package domain

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    Date
		wantErr error
	}{
		{"date input form", "2020-12-14", NewDate(2020, time.December, 14), nil},
		{"surrounding spaces", " 2020-12-14 ", NewDate(2020, time.December, 14), nil},
		{"leap day", "2024-02-29", NewDate(2024, time.February, 29), nil},
		{"empty is unset", "", Date{}, nil},
		{"not a leap year", "2023-02-29", Date{}, ErrDateInvalid},
		{"month 13", "2020-13-01", Date{}, ErrDateInvalid},
		{"day first", "14-12-2020", Date{}, ErrDateInvalid},
		{"slashes", "2020/12/14", Date{}, ErrDateInvalid},
		{"time attached", "2020-12-14T10:00:00Z", Date{}, ErrDateInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseDate(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		name string
		date Date
		want string
	}{
		{"December", NewDate(2020, time.December, 14), "14 Desember 2020"},
		{"single-digit day", NewDate(2027, time.January, 4), "4 Januari 2027"},
		{"May", NewDate(1995, time.May, 1), "1 Mei 1995"},
		{"August", NewDate(2001, time.August, 17), "17 Agustus 2001"},
		{"unset", Date{}, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatDate(tt.date); got != tt.want {
				t.Errorf("FormatDate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	if got := NewDate(2020, time.March, 5).String(); got != "2020-03-05" {
		t.Errorf("String = %q, want 2020-03-05", got)
	}
	if got := (Date{}).String(); got != "" {
		t.Errorf("zero String = %q, want empty", got)
	}
}

func TestDateValue(t *testing.T) {
	v, err := NewDate(2020, time.December, 14).Value()
	if err != nil || v != "2020-12-14" {
		t.Errorf("Value = %v, %v; want 2020-12-14", v, err)
	}
	v, err = Date{}.Value()
	if err != nil || v != nil {
		t.Errorf("zero Value = %v, %v; want NULL", v, err)
	}
}

func TestDateScan(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		newYork = time.FixedZone("EST", -5*60*60)
	}
	tests := []struct {
		name    string
		src     any
		want    Date
		wantErr bool
	}{
		{"midnight UTC as lib/pq returns", time.Date(2020, time.December, 14, 0, 0, 0, 0, time.UTC), NewDate(2020, time.December, 14), false},
		{"late evening west of UTC", time.Date(2020, time.December, 14, 23, 30, 0, 0, newYork), NewDate(2020, time.December, 14), false},
		{"just after midnight in Jakarta", time.Date(2020, time.December, 14, 0, 5, 0, 0, Jakarta), NewDate(2020, time.December, 14), false},
		{"text", "2020-12-14", NewDate(2020, time.December, 14), false},
		{"bytes with time", []byte("2020-12-14T00:00:00Z"), NewDate(2020, time.December, 14), false},
		{"NULL", nil, Date{}, false},
		{"bad text", "14/12/2020", Date{}, true},
		{"unsupported type", 20201214, Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDate(1999, time.January, 1) // a leftover value Scan must replace
			err := d.Scan(tt.src)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Scan(%v) error = %v, want error %v", tt.src, err, tt.wantErr)
			}
			if !tt.wantErr && d != tt.want {
				t.Errorf("Scan(%v) = %v, want %v", tt.src, d, tt.want)
			}
		})
	}
}

func TestFormatTimestamp(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"UTC morning", time.Date(2020, time.December, 14, 2, 5, 0, 0, time.UTC), "14 Desember 2020 09.05 WIB"},
		{"UTC evening crosses midnight", time.Date(2020, time.December, 14, 17, 30, 0, 0, time.UTC), "15 Desember 2020 00.30 WIB"},
		{"already Jakarta", time.Date(2026, time.March, 2, 13, 45, 0, 0, Jakarta), "2 Maret 2026 13.45 WIB"},
		{"zero", time.Time{}, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatTimestamp(tt.at); got != tt.want {
				t.Errorf("FormatTimestamp = %q, want %q", got, tt.want)
			}
		})
	}
}
