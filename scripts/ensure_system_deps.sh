#!/usr/bin/env bash
# Install the Debian packages edu-plans needs when they are missing.
#   run:  Pango (WeasyPrint's text layout) and the Liberation fonts (a Times New Roman
#         metric-compatible serif with full Vietnamese glyphs) for PDFs; Tesseract with its
#         Vietnamese data and poppler-utils (pdftoppm) to read scanned directives by OCR.
#   test: the above, Chromium for browser tests and PostgreSQL for the second suite run.
#   bench: run's, PostgreSQL and wrk (the HTTP load generator of make bench's load run).
# Needs root for apt-get; without root it only reports. With CI=true anything still
# missing is an error.
set -euo pipefail
purpose="${1:-test}"

missing=()
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
# fonts-liberation (v1) has the same family name but no Vietnamese letters: ask for "ệ".
fc-list ":charset=1ec7" family 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation2 fontconfig)
# The reader of scans: Tesseract must list "vie" among its languages, pdftoppm renders pages.
tesseract --list-langs 2>/dev/null | grep -qx "vie" || missing+=(tesseract-ocr tesseract-ocr-vie)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "$purpose" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
if [ "$purpose" = "bench" ]; then
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fi
if [ "$purpose" = "test" ] || [ "$purpose" = "bench" ]; then
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
fi

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
