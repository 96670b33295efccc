#!/usr/bin/env bash
# Load benchmark: the release server on 127.0.0.1, driven by wrk (installed if missing), first with
# GETs of the respondent page, then with complete answer forms posted as a browser without
# JavaScript posts them (each with a form token of its own, so every post stores a new response),
# on SQLite and then PostgreSQL. Prints requests/s, latency percentiles and the server's peak RSS.
# Sends traffic only to 127.0.0.1 and stops by itself. DURATION (seconds, default 10),
# CONNECTIONS (default 64) and FORMS (answer forms prepared, default 100000) can be set;
# POST_ONLY=1 skips the GETs, to measure submissions alone.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_wrk
need_postgres
build_site
step "building the form generator"
cargo build --release -q -p server --example load_forms

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
FORMS="${FORMS:-100000}"
export THREADS=2 RUST_LOG=error LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
export YC_LISTEN="127.0.0.1:3300"
server="$CARGO_TARGET_DIR/release/server"
work="$(mktemp -d)"
pgdb="yc_load_$$"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"; dropdb -h 127.0.0.1 -U postgres --if-exists "$pgdb" 2>/dev/null' EXIT

# `wrk --latency` output → "requests/s p50 p99 non-2xx"
summarise() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Non-2xx/ {bad=$NF} END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s\n", rps, p50, p99, bad+0}'
}

count_responses() { # database-url
  case "$1" in
    sqlite:*) python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM responses").fetchone()[0])' "${1#sqlite://}" ;;
    *) psql -Atc "SELECT COUNT(*) FROM responses" "$1" ;;
  esac
}

bench() { # name database-url
  export DATABASE_URL="$2"
  "$server" seed-demo --slug demo
  "$server" serve & pid=$!
  until curl -sf "http://$YC_LISTEN/healthz" >/dev/null; do sleep 0.2; done
  # Taking gzip as browsers do. At 64 connections wrk keeps both cores saturated, so its p99 is
  # mostly queueing; 16 connections show the latency of a load the server keeps up with.
  if [ -z "${POST_ONLY:-}" ]; then
    for connections in "$CONNECTIONS" 16; do
      step "$1: GET /c/demo for ${DURATION}s, $connections connections"
      wrk -t"$THREADS" -c"$connections" -d"${DURATION}s" --latency \
        -H "Accept-Encoding: gzip, deflate, br, zstd" "http://$YC_LISTEN/c/demo" | summarise
    done
  fi
  step "$1: $FORMS answer forms, posted for up to ${DURATION}s"
  "$CARGO_TARGET_DIR/release/examples/load_forms" demo "$FORMS" > "$work/forms.txt"
  BODIES="$work/forms.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s scripts/load/submit.lua "http://$YC_LISTEN/c/demo" | tee "$work/post.txt" | summarise
  stored="$(count_responses "$2")"
  echo "responses stored: $stored of $FORMS forms prepared$([ "$stored" -ge "$FORMS" ] && echo ' (ran out: raise FORMS)')"
  echo "peak RSS of the server: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

bench SQLite "sqlite://$work/load.db"
createdb -h 127.0.0.1 -U postgres "$pgdb"
bench PostgreSQL "postgres://postgres@127.0.0.1:5432/$pgdb"
