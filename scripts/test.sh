#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit, integration (real server, on SQLite and on
# PostgreSQL) and browser (Playwright driving Debian's Chromium at a phone viewport, with and
# without JavaScript).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_chromium
need_postgres

step "unit and integration tests (SQLite)"
cargo test --workspace

step "the same tests on PostgreSQL (a fresh database per integration test; same build)"
YC_TEST_DATABASE=postgres cargo test --workspace

build_site

step "browser tests (screenshots in end2end/artifacts/)"
(cd end2end && npx playwright test)
