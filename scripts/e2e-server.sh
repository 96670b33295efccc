#!/usr/bin/env bash
# The server the browser tests drive: the release build, a fresh SQLite file, fixtures seeded.
set -euo pipefail
: "${CARGO_TARGET_DIR:?}" "${DATABASE_URL:?}" "${YC_LISTEN:?}"
server="$CARGO_TARGET_DIR/release/server"
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"

"$server" seed-demo --slug demo
"$server" seed-demo --slug soon --opens-in-minutes 200
"$server" seed-demo --slug old --opens-in-minutes -2880 --length-minutes 1440
for role in admin moderator; do
  printf '%s\n' "${E2E_STAFF_PASSWORD:?}" | "$server" create-user --email "$role@example.org" --role "$role"
done
exec "$server" serve
