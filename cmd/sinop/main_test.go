package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestRunErrors covers the command-line checks that fail before any database is opened.
func TestRunErrors(t *testing.T) {
	t.Setenv("SINOP_PASSWORD", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "missing command"},
		{"unknown command", []string{"start"}, `unknown command "start"`},
		{"user without create", []string{"user"}, `use "sinop user create"`},
		{"user list", []string{"user", "list"}, `use "sinop user create"`},
		{"invalid role", []string{"user", "create", "-role", "admin", "-username", "a", "-password", "0123456789"}, `invalid -role "admin"`},
		{"missing username", []string{"user", "create", "-role", "bkd", "-password", "0123456789"}, "missing -username"},
		{"short password", []string{"user", "create", "-role", "bkd", "-username", "a", "-password", "123456789"}, "at least 10 characters"},
		{"missing password", []string{"user", "create", "-role", "bkd", "-username", "a"}, "invalid -password"},
		{"opd without agency", []string{"user", "create", "-role", "opd", "-username", "a", "-password", "0123456789"}, "missing -agency"},
		{"unknown flag", []string{"user", "create", "-rol", "bkd"}, "flag provided but not defined"},
		{"agency without create", []string{"agency"}, `use "sinop agency create"`},
		{"agency missing code", []string{"agency", "create", "-name", "Dinas Kesehatan", "-kind", "dinas"}, "missing -code"},
		{"agency missing name", []string{"agency", "create", "-code", "1.02.01", "-kind", "dinas"}, "missing -name"},
		{"agency invalid kind", []string{"agency", "create", "-code", "1.02.01", "-name", "Dinas Kesehatan", "-kind", "dinkes"}, `invalid -kind "dinkes"`},
		{"reference without load", []string{"reference"}, `use "sinop reference load"`},
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), log, tt.args)
			if err == nil {
				t.Fatalf("run(%q) succeeded, want an error", tt.args)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q) error = %q, want it to contain %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestRunUserCreateNeedsDatabaseURL(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("SINOP_PASSWORD", "0123456789")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	err := run(context.Background(), log, []string{"user", "create", "-role", "bkd", "-username", "bkd2"})

	if err == nil || !strings.Contains(err.Error(), "missing DATABASE_URL") {
		t.Errorf("error = %v, want missing DATABASE_URL", err)
	}
}
