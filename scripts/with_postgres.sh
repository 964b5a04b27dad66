#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster in a temporary folder.
# The cluster listens on a free loopback port, is stopped and removed afterwards even
# when the command fails, and the command's exit code is kept.
# Without PostgreSQL the run is skipped with a warning, except with CI=true: then it fails.
set -euo pipefail

initdb_path=$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb_path" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL (initdb) is not installed: the PostgreSQL run cannot be skipped in CI." >&2
    exit 1
  fi
  echo "WARNING: PostgreSQL is not installed; skipping the PostgreSQL run." >&2
  exit 0
fi
pg_bin=$(dirname "$(readlink -f "$initdb_path")")

workdir=$(mktemp -d "${TMPDIR:-/tmp}/edu-plans-pg.XXXXXX")
run_as=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the cluster belongs to an unprivileged account.
  pg_user=postgres
  if ! id "$pg_user" >/dev/null 2>&1; then
    pg_user=edu-plans-pg
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home "$pg_user"
  fi
  chown "$pg_user" "$workdir"
  run_as=(runuser -u "$pg_user" --)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop_cluster() {
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap stop_cluster EXIT

"${run_as[@]}" "$pg_bin/initdb" -D "$workdir/data" -U edu_plans --auth=trust -E UTF8 \
  --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgres://edu_plans@127.0.0.1:$port/edu_plans"
set +e
"$@"
status=$?
set -e
exit $status
