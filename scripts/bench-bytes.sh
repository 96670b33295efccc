#!/usr/bin/env bash
# Measures the bytes a phone downloads to answer the demo consultation (cold cache, compressed,
# as Chromium received them), with and without JavaScript, against the release build.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_chromium
build_site

dir="$(mktemp -d)"
port=3200
DATABASE_URL="sqlite://$dir/bench.db" YC_LISTEN="127.0.0.1:$port" RUST_LOG=warn E2E_STAFF_PASSWORD="bench only passphrase" \
  YC_E2E_SERVER_BIN="$CARGO_TARGET_DIR/release/server" YC_E2E_LOG="$dir/server.log" \
  bash scripts/e2e-server.sh &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done

(cd end2end && node bench/bytes.js "http://127.0.0.1:$port")
