#!/usr/bin/env bash
# What the server needs to turn its Word files into PDF: LibreOffice Writer, and a Times New Roman
# metric-compatible family that has the Vietnamese letters (Liberation 2; the 1.x fonts lack
# "ệ", "ộ", "ứ", so LibreOffice would take them from another font — "lệch font").
# Installs what is missing when run as root; otherwise says what to install and carries on
# (without them only the PDF downloads are refused, with that instruction).
set -euo pipefail

log() { echo "[document-tools] $*" >&2; }

packages=()
command -v soffice >/dev/null || packages+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/truetype/liberation2 ] || packages+=(fonts-liberation2)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    log "PDF export needs: ${packages[*]} — install them (sudo apt-get install --no-install-recommends ${packages[*]})"
    exit 0
fi
log "installing ${packages[*]} (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
logfile=$(mktemp)
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$logfile" 2>&1; then
    cat "$logfile" >&2
    exit 1
fi
rm -f "$logfile"
