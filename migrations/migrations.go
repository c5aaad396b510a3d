// Package migrations holds the numbered SQL migrations, embedded into the binary.
package migrations

import "embed"

// FS contains the *.up.sql and *.down.sql files in golang-migrate's naming.
//
//go:embed *.sql
var FS embed.FS
