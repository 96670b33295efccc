#!/usr/bin/env bash
# Sets up what is missing, checks format and lints, and runs every test: unit, integration (real
# server, on SQLite and on PostgreSQL) and browser (Playwright driving Debian's Chromium at a
# phone viewport, with and without JavaScript).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_encoder
need_lint_tools
need_chromium
need_postgres
need_deploy_tools

# The gates first: a change that is not formatted or draws a lint fails in a minute, not after
# the browser tests. The hydrate side is linted for wasm32, as young people's browsers run it.
step "format and lints (server and wasm32 sides)"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy -p app --lib --no-default-features --features hydrate --target wasm32-unknown-unknown \
  -- -D warnings

step "unit and integration tests (SQLite)"
cargo test --workspace

step "the same tests on PostgreSQL (a fresh database per integration test; same build)"
YC_TEST_DATABASE=postgres cargo test --workspace

# The browser tests drive the debug server the integration tests just built (a release build of
# it would add minutes to every cold run) with the release wasm, as young people get it.
build_assets

step "browser tests (screenshots in end2end/artifacts/)"
(cd end2end && npx playwright test)
