#!/usr/bin/env bash
# Load benchmark: the release server on 127.0.0.1, first GETs of the respondent page (wrk,
# installed if missing), then complete answer forms posted as a browser without JavaScript posts
# them, by people (`server/examples/load_answers.rs`): each form loaded minutes earlier, each text
# the writer's own, from many loopback addresses (127.x.y.z), a class's worth from each. The
# integrity checks stay on. Then the flood of the report (300 identical forms sent straight back
# from one address) and a class (30 pupils behind one address), with what was counted and held.
# On SQLite and then PostgreSQL; prints requests/s, latency percentiles and the server's peak RSS.
# Sends traffic only to 127.0.0.0/8 and stops by itself. DURATION (seconds, default 10),
# CONNECTIONS (default 64) and FORMS (answer forms prepared, default 100000) can be set;
# POST_ONLY=1 skips the GETs, to measure submissions alone.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_wrk
need_postgres
build_assets
# Server and load generator in one build: built apart, the generator's dev-dependencies unify
# features differently, so each build compiled the whole release again for the other.
step "building the server and the load generator (release)"
cargo build --release -p server --bin server --example load_answers

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
FORMS="${FORMS:-100000}"
export THREADS=2 RUST_LOG=error LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
export YC_LISTEN="127.0.0.1:3300"
server="$CARGO_TARGET_DIR/release/server"
generator="$CARGO_TARGET_DIR/release/examples/load_answers"
work="$(mktemp -d)"
pgdb="yc_load_$$"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"; dropdb -h 127.0.0.1 -U postgres --if-exists "$pgdb" 2>/dev/null' EXIT

# `wrk --latency` output → "requests/s p50 p99 non-2xx"
summarise() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /Non-2xx/ {bad=$NF} END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s\n", rps, p50, p99, bad+0}'
}

scalar() { # database-url sql
  case "$1" in
    sqlite:*) python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "${1#sqlite://}" "$2" ;;
    *) psql -Atc "$2" "$1" ;;
  esac
}

# User + system CPU seconds a process has used so far.
cpu_secs() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

# Responses counted (never held, or released), and held, so far.
counted() { scalar "$1" "SELECT COUNT(*) FROM responses WHERE hold IS NULL OR hold = 'released'"; }
held() { scalar "$1" "SELECT COUNT(*) FROM responses WHERE hold = 'held'"; }

bench() { # name database-url
  export DATABASE_URL="$2"
  # Opened ten minutes ago, so the forms people loaded "minutes earlier" were loaded while open.
  "$server" seed-demo --slug demo --opens-in-minutes -10
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
  step "$1: $FORMS answer forms by people, posted for up to ${DURATION}s, $CONNECTIONS at once"
  # Both share the two cores: their CPU time says which of them was the limit.
  local server_cpu_before
  server_cpu_before="$(cpu_secs "$pid")"
  TIMEFORMAT="CPU of the load generator: %U s user + %S s system in %R s"
  time "$generator" people demo "$FORMS" "$CONNECTIONS" "$DURATION"
  echo "CPU of the server: $(awk -v a="$(cpu_secs "$pid")" -v b="$server_cpu_before" 'BEGIN {printf "%.1f", a - b}') s"
  stored="$(scalar "$2" "SELECT COUNT(*) FROM responses")"
  echo "responses stored: $stored of $FORMS forms prepared ($(counted "$2") counted, $(held "$2") held)$([ "$stored" -ge "$FORMS" ] && echo '; ran out: raise FORMS')"
  # Text the reading thread had no time for was stored unread; it is read after the burst.
  local unread="SELECT COUNT(*) FROM answers WHERE awaiting_meaning IS NOT NULL" backlog started
  backlog="$(scalar "$2" "$unread")" started=$SECONDS
  while [ "$(scalar "$2" "$unread")" -gt 0 ] && [ $((SECONDS - started)) -lt 1800 ]; do sleep 1; done
  echo "texts stored unread (the reader busy): $backlog, all read for meaning $((SECONDS - started)) s after the load ($(scalar "$2" "$unread") left)"
  step "$1: the flood, then a class"
  local counted_before held_before
  counted_before="$(counted "$2")" held_before="$(held "$2")"
  "$generator" flood demo
  echo "of the flood: $(($(counted "$2") - counted_before)) counted, $(($(held "$2") - held_before)) held"
  counted_before="$(counted "$2")"
  "$generator" class demo
  echo "of the class: $(($(counted "$2") - counted_before)) counted"
  echo "peak RSS of the server: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
  # From the server's own /metrics: how the one durable writer spent the run.
  curl -s "http://$YC_LISTEN/metrics" | awk '
    /^yc_writer_batch_responses_sum / {n = $2} /^yc_writer_batch_responses_count / {b = $2}
    /^yc_writer_commit_seconds_sum / {t = $2}
    END {if (b) printf "writer: %d group commits, %.1f responses each, %.1f ms each, busy %.1f s\n", b, n / b, 1000 * t / b, t}' 
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

bench SQLite "sqlite://$work/load.db"
createdb -h 127.0.0.1 -U postgres "$pgdb"
bench PostgreSQL "postgres://postgres@127.0.0.1:5432/$pgdb"
