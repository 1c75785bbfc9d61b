#!/usr/bin/env bash
# What the build needs beyond Swift: zlib's headers (ZIPFoundation reads and writes XLSX and DOCX
# through the system zlib). Installs them when missing (as root; otherwise says how).
set -euo pipefail

[ -f /usr/include/zlib.h ] && exit 0
[ "$(id -u)" = 0 ] || { echo "[build-deps] missing zlib headers — run: sudo apt-get install -y zlib1g-dev pkg-config" >&2; exit 1; }
echo "[build-deps] installing zlib1g-dev (apt-get)…" >&2
export DEBIAN_FRONTEND=noninteractive
logfile=$(mktemp)
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends zlib1g-dev pkg-config; } >"$logfile" 2>&1; then
    cat "$logfile" >&2
    exit 1
fi
rm -f "$logfile"
