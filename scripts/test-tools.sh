#!/usr/bin/env bash
# The independent readers the tests check our files with (LibreOffice, pdftotext, openpyxl) and
# the browser the page tests drive (Chromium with its driver, Selenium), HAProxy for the several-servers
# test. Installs what is missing.
set -euo pipefail

log() { echo "[test-tools] $*" >&2; }

# The server's own converter and fonts first (scripts/document-tools.sh), then the readers.
"$(dirname "$0")/document-tools.sh"

packages=()
command -v soffice >/dev/null || packages+=(libreoffice-writer-nogui)
[ -e /usr/lib/libreoffice/program/libsclo.so ] || packages+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null || packages+=(poppler-utils)
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
# Two servers behind a load balancer (SeveralServersTests), an event stream read with curl.
[ -x /usr/sbin/haproxy ] || packages+=(haproxy)
command -v curl >/dev/null || packages+=(curl)

if [ ${#packages[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { log "missing: ${packages[*]} — install them (sudo apt-get install …)"; exit 1; }
    log "installing ${packages[*]} (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    logfile=$(mktemp)
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$logfile" 2>&1; then
        cat "$logfile" >&2
        exit 1
    fi
    rm -f "$logfile"
fi

python=$(command -v python3)
modules=()
"$python" -c "import openpyxl" 2>/dev/null || modules+=(openpyxl)
"$python" -c "import selenium" 2>/dev/null || modules+=(selenium)
if [ ${#modules[@]} -gt 0 ]; then
    log "installing ${modules[*]} (pip)…"
    "$python" -m pip install -q --root-user-action=ignore "${modules[@]}" >&2 || "$python" -m pip install -q --break-system-packages "${modules[@]}" >&2
fi
