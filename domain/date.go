package domain

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date with no time of day or zone, stored as SQL date. It never shifts with
// time zones because it holds only year, month and day.
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate returns the date; it does not normalise out-of-range values.
func NewDate(year int, month time.Month, day int) Date {
	return Date{year: year, month: month, day: day}
}

// ErrDateInvalid is returned by ParseDate for text that is not a real YYYY-MM-DD date.
var ErrDateInvalid = errors.New("tanggal tidak sah; gunakan format HH-BB-TTTT dari pemilih tanggal")

// ParseDate reads the YYYY-MM-DD form that HTML date inputs send. Empty text returns the zero Date.
func ParseDate(raw string) (Date, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", raw)
	if err != nil {
		return Date{}, ErrDateInvalid
	}
	return Date{year: t.Year(), month: t.Month(), day: t.Day()}, nil
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	return Date{year: t.Year(), month: t.Month(), day: t.Day()}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.year == 0 }

// Time returns midnight UTC of the date, for arithmetic and comparisons.
func (d Date) Time() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC) }

// Year returns the date's year.
func (d Date) Year() int { return d.year }

// String returns YYYY-MM-DD, the value an HTML date input expects, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, int(d.month), d.day)
}

// Value stores the date as SQL date, or NULL when it is zero.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads an SQL date. lib/pq returns dates as time.Time at midnight UTC, so the fields are
// taken as they are without converting zones.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = Date{year: v.Year(), month: v.Month(), day: v.Day()}
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("scan date: unsupported type %T", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	t, err := time.Parse("2006-01-02", s[:min(len(s), 10)])
	if err != nil {
		return fmt.Errorf("scan date %q: %w", s, err)
	}
	*d = DateOf(t)
	return nil
}

var monthNames = [...]string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// FormatDate writes a date the Indonesian way, "14 Desember 2020", or "-" when it is unset.
func FormatDate(d Date) string {
	if d.IsZero() {
		return "-"
	}
	return fmt.Sprintf("%d %s %d", d.day, monthNames[d.month], d.year)
}

// Jakarta is the app's time zone for timestamps shown on screen (WIB, UTC+7, no daylight saving).
var Jakarta = loadJakarta()

func loadJakarta() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		// Machines without tzdata still get the right offset, because WIB has had no change since 1964.
		return time.FixedZone("WIB", 7*60*60)
	}
	return loc
}

// FormatTimestamp writes an instant in Jakarta time, "14 Desember 2020 09.05 WIB".
func FormatTimestamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	local := t.In(Jakarta)
	return fmt.Sprintf("%s %02d.%02d WIB", FormatDate(DateOf(local)), local.Hour(), local.Minute())
}
