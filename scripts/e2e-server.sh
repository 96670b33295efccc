#!/usr/bin/env bash
# The server the browser tests drive (the binary playwright.config.js chose), on a fresh SQLite
# file, fixtures seeded.
set -euo pipefail
: "${CARGO_TARGET_DIR:?}" "${DATABASE_URL:?}" "${YC_LISTEN:?}"
server="${YC_E2E_SERVER_BIN:?}"
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"

"$server" seed-demo --slug demo
"$server" seed-demo --slug soon --opens-in-minutes 200
"$server" seed-demo --slug old --opens-in-minutes -2880 --length-minutes 1440
for role in admin moderator; do
  printf '%s\n' "${E2E_STAFF_PASSWORD:?}" | "$server" create-user --email "$role@example.org" --role "$role"
done
# Sets up their second factor in staff.spec.js.
printf '%s\n' "$E2E_STAFF_PASSWORD" | "$server" create-user --email volunteer@example.org --role moderator
# Its log also goes to a file, which log.spec.js reads at the end.
exec "$server" serve 2> >(tee -a "${YC_E2E_LOG:?}" >&2)
