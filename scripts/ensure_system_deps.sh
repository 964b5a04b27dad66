#!/usr/bin/env bash
# Install the Debian packages the test suite needs (Chromium for browser tests, PostgreSQL
# for the second run of the suite) when they are missing. Needs root for apt-get; without
# root it only reports. With CI=true anything still missing afterwards is an error.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# A metric-compatible Times New Roman with full Vietnamese glyphs, for pages and PDFs.
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation2)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing system packages: ${missing[*]} (run as root, or install them with apt-get)." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
