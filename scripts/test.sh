#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit, integration (real server, on SQLite and on
# PostgreSQL) and browser (Playwright driving Debian's Chromium at a phone viewport, with and
# without JavaScript).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_chromium
need_postgres
need_deploy_tools

step "unit and integration tests (SQLite)"
cargo test --workspace

step "the same tests on PostgreSQL (a fresh database per integration test; same build)"
YC_TEST_DATABASE=postgres cargo test --workspace

# The browser tests drive the debug server the integration tests just built (a release build of
# it would add minutes to every cold run) with the release wasm, as young people get it.
build_assets

step "browser tests (screenshots in end2end/artifacts/)"
(cd end2end && npx playwright test)
