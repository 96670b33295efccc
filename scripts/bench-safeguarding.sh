#!/usr/bin/env bash
# How well the safeguarding detector recognises disclosures: recall and false flags per language
# and per concern on the evaluation set (app/safeguarding/eval/), its held-out part as the result
# and its dev part as what thresholds may be chosen on (with a sweep of them), with the rules
# alone and with meaning. Also how long the detector takes per answer.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

need_build_tools
need_encoder
step "building the server (release)"
cargo build --release -p server --quiet
server="$CARGO_TARGET_DIR/release/server"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cat app/safeguarding/eval/*.jsonl > "$dir/eval.jsonl"
step "running the detector on $(wc -l < "$dir/eval.jsonl") answers"
RUST_LOG=warn "$server" safeguarding --input "$dir/eval.jsonl" --scores > "$dir/out.jsonl"
start=$(date +%s%N)
RUST_LOG=warn "$server" safeguarding --input "$dir/eval.jsonl" > /dev/null
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))

python3 scripts/safeguarding-figures.py "$dir/eval.jsonl" "$dir/out.jsonl" "$elapsed"
