#!/usr/bin/env bash
# Runs the whole test suite against the PostgreSQL and MinIO that scripts/services.sh provides.
# Each test package creates its own database and bucket from these settings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export SINOP_TEST_DATABASE_URL="${SINOP_TEST_DATABASE_URL:-$DATABASE_URL}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.tools/*'))
if [[ -n "$unformatted" ]]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go test -count=1 -timeout 20m "$@" ./...
