#!/usr/bin/env bash
# For changing the code: serves the debug server and an unoptimised wasm (both built
# incrementally) with the demo of run.sh on http://127.0.0.1:3000, and builds and serves again
# whenever a file under app/, server/, style/ or migrations/ changes. Young people never get this
# build: run.sh, build.sh and the browser tests use the release wasm.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site-dev"
server="$CARGO_TARGET_DIR/debug/server"
stamp="$(mktemp)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -f "$stamp"' EXIT

changed_since() { [ -n "$(find app server style migrations Cargo.toml -newer "$1" -type f -print -quit)" ]; }

while true; do
  # Stamped before building, so a change saved during the build is built next.
  touch "$stamp"
  if build_dev; then
    seed_results "$server"
    "$server" serve --seed-demo "$@" & pid=$!
    step "serving the debug build on http://${YC_LISTEN:-127.0.0.1:3000}; built again when a file changes (Ctrl-C stops)"
  fi
  until changed_since "$stamp"; do sleep 1; done
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; fi
done
