#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit, integration (real server, real SQLite) and
# browser (Playwright driving Debian's Chromium at a phone viewport, with and without JavaScript).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_chromium

step "unit and integration tests"
cargo test --workspace

build_site

step "browser tests (screenshots in end2end/artifacts/)"
(cd end2end && npx playwright test)
