#!/usr/bin/env bash
# make bench: the export benchmark on a throwaway SQLite database with the demo data, then the
# directive reader's (seconds per million characters at growing sizes: flat when linear).
set -euo pipefail
workdir=$(mktemp -d "${TMPDIR:-/tmp}/edu-plans-bench.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
export DATABASE_URL="sqlite:///$workdir/bench.sqlite3" DEBUG=1 MEDIA_ROOT="$workdir/media"
python=${PYTHON:-.venv/bin/python}
$python manage.py migrate --noinput -v 0
$python manage.py load_seed_data >/dev/null
$python manage.py create_demo_accounts >/dev/null
$python manage.py load_demo_data >/dev/null
$python manage.py bench_exports
$python manage.py bench_reader
$python manage.py bench_dashboard
