#!/usr/bin/env bash
# Sets up what is missing and builds the release: the server binary and the site (wasm, JS, CSS),
# into $CARGO_TARGET_DIR (default ~/.cache/youth-consult/target); for deploying (README).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_encoder
build_site
step "built: $CARGO_TARGET_DIR/release/server and $CARGO_TARGET_DIR/site"
