#!/usr/bin/env bash
# Runs the local federation against a locally installed Postgres server (one database per service).
# Usage: infra/local/postgres-federation.sh [postgres://user@host:port]   (default: the local server, user postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
URL="${1:-${CONCORD_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
if ! pg_isready -d "$URL" -q; then
  echo "postgres-federation: no Postgres server answers at $URL" >&2
  exit 1
fi
exec pnpm start --postgres "$URL" --data-dir .concord-pg "${@:2}"
