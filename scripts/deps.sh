#!/usr/bin/env bash
# Installs what the two make targets need and a fresh Debian machine may lack: the PostgreSQL
# server, Chromium for browser tests, and a MinIO server binary in .tools/bin.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

missing=()
[[ -n "${DATABASE_URL:-}" ]] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "deps: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "deps: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ -z "${S3_ENDPOINT:-}" && ! -x "$root/.tools/bin/minio" ]]; then
  echo "deps: building the MinIO server into .tools/bin (first time only, about 3 minutes)" >&2
  GOBIN="$root/.tools/bin" go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c
fi
