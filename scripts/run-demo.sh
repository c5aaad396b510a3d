#!/usr/bin/env bash
# Migrates, loads the demo data (once: a second run finds it and changes nothing) and serves SINOP.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/.tools/bin/sinop" migrate
"$root/.tools/bin/sinop" demo
exec "$root/.tools/bin/sinop" serve
