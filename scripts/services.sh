#!/usr/bin/env bash
# Starts what SINOP needs when the environment does not provide it, runs a command with the
# connection settings exported, and stops what it started when the command ends or is interrupted.
#
#   scripts/services.sh COMMAND [ARGS...]
#
# PostgreSQL: DATABASE_URL when set, else a throwaway cluster (initdb as the postgres user) in a
# temporary folder on a free port. MinIO: S3_ENDPOINT when set, else a server from .tools/bin on a
# free port with a temporary data folder (built with go install the first time, about 3 minutes).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
minio_version=v0.0.0-20260212201848-7aac2a2c5b7c
tools="$root/.tools/bin"
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

work=$(mktemp -d /tmp/sinop-services.XXXXXX)
chmod 755 "$work"
pids=()
pg_data=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$pg_data" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local port
  for _ in $(seq 1 50); do
    # Below Linux's default ephemeral range (32768 and up), where outgoing connections take ports
    # that a connect probe cannot see.
    port=$((15000 + RANDOM % 17000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "services: no free port found" >&2
  return 1
}

start_postgres() {
  if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
    echo "services: PostgreSQL server binaries not found; install postgresql (apt-get install -y postgresql) or set DATABASE_URL" >&2
    exit 1
  fi
  local port
  pg_data="$work/pg"
  mkdir -p "$pg_data"
  chown postgres:postgres "$pg_data"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; exit 1; }
  # A port found free can be taken before the server binds it, so a failed start tries another.
  local started=""
  for _ in 1 2 3; do
    port=$(free_port)
    if runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/postgres.log" -w \
      -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      started=1
      break
    fi
  done
  if [[ -z "$started" ]]; then
    cat "$pg_data/postgres.log" >&2
    exit 1
  fi
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  echo "services: PostgreSQL on 127.0.0.1:$port (data in $pg_data)" >&2
}

ensure_minio() {
  if [[ -x "$tools/minio" ]]; then return 0; fi
  echo "services: building MinIO $minio_version into .tools/bin (first time only, about 3 minutes)" >&2
  GOBIN="$tools" go install "github.com/minio/minio@$minio_version"
}

minio_live() {
  local status
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" &&
    printf 'GET /minio/health/live HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
    head -n 1 <&3) 2>/dev/null) || return 1
  [[ "$status" == *" 200 "* ]]
}

start_minio() {
  ensure_minio
  local port console ready=""
  export MINIO_ROOT_USER=sinopdev MINIO_ROOT_PASSWORD=sinopdev-secret-key MINIO_BROWSER=off
  # As with PostgreSQL, a server that finds its port taken is tried again on another.
  for _ in 1 2 3; do
    port=$(free_port)
    console=$(free_port)
    while [[ "$console" == "$port" ]]; do console=$(free_port); done
    "$tools/minio" server --quiet --address "127.0.0.1:$port" --console-address "127.0.0.1:$console" "$work/minio" \
      >"$work/minio.log" 2>&1 &
    pids+=($!)
    # Ready means MinIO's liveness endpoint returns 200, not just that the port accepts connections.
    for _ in $(seq 1 600); do
      if minio_live "$port"; then ready=1; break; fi
      kill -0 "${pids[-1]}" 2>/dev/null || break
      sleep 0.1
    done
    [[ -z "$ready" ]] || break
  done
  if [[ -z "$ready" ]]; then
    echo "services: MinIO did not become ready (it stopped, or 60 s passed); its log:" >&2
    cat "$work/minio.log" >&2
    exit 1
  fi
  export S3_ENDPOINT="127.0.0.1:$port" S3_ACCESS_KEY=sinopdev S3_SECRET_KEY=sinopdev-secret-key S3_USE_SSL=false
  echo "services: MinIO on 127.0.0.1:$port (data in $work/minio)" >&2
}

[[ -n "${DATABASE_URL:-}" ]] || start_postgres
[[ -n "${S3_ENDPOINT:-}" ]] || start_minio

# The command runs in the background so that an interrupt reaches this script's trap, which stops
# the servers. The command itself gets the same signal from the terminal.
"$@" &
child=$!
wait "$child"
