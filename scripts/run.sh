#!/usr/bin/env bash
# Sets up what is missing, builds, and serves Youth Consult on http://127.0.0.1:3000 with a demo
# consultation open now, and one closed yesterday with sample answers to moderate and summarise.
# SQLite under data/ unless DATABASE_URL says otherwise.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_encoder
build_site

export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
seed_results "$CARGO_TARGET_DIR/release/server"
step "serving on http://${YC_LISTEN:-127.0.0.1:3000} (Ctrl-C stops)"
exec "$CARGO_TARGET_DIR/release/server" serve --seed-demo "$@"
