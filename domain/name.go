package domain

import (
	"strings"
	"unicode"
)

// ParsePersonName trims and collapses spaces in a name and checks its characters: any Unicode
// letter (and combining mark), space, apostrophe, dot or hyphen. Single-word names are valid.
func ParsePersonName(raw string) (string, error) {
	name := strings.Join(strings.Fields(raw), " ")
	if name == "" {
		return "", ErrNameEmpty
	}
	hasLetter := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r):
			hasLetter = true
		case unicode.IsMark(r), r == ' ', r == '\'', r == '’', r == '.', r == '-':
		default:
			return name, ErrNameCharacters
		}
	}
	if !hasLetter {
		return name, ErrNameCharacters
	}
	return name, nil
}

// FullNameWithTitles joins a name with the academic titles kept apart from it, as letters write it:
// "dr. Siti Aminah, S.Ked".
func FullNameWithTitles(prefix, name, suffix string) string {
	out := name
	if p := strings.TrimSpace(prefix); p != "" {
		out = p + " " + out
	}
	if s := strings.TrimSpace(suffix); s != "" {
		out = out + ", " + s
	}
	return out
}
