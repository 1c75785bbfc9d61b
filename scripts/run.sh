#!/usr/bin/env bash
# make run: a private PostgreSQL (unless THIDUA_DATABASE_URL names one), migrations, demo data, server.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${THIDUA_PG_PORT:-54329}
if [ -z "${THIDUA_DATABASE_URL:-}" ]; then
    scripts/pg-cluster.sh start .data "$port" durable thidua
    url=$(scripts/pg-cluster.sh url .data "$port" thidua)
    export THIDUA_DATABASE_URL="$url"
    # make run-replica: a streaming read replica beside it (docs/scaling.md): reports, public
    # pages, lookup and exports read there while it follows closely.
    if [ "${THIDUA_REPLICA:-0}" = 1 ]; then
        replica_port=${THIDUA_REPLICA_PG_PORT:-54330}
        scripts/pg-cluster.sh replica .data "$port" .data-replica "$replica_port"
        export THIDUA_READ_DATABASE_URL="${url/:$port\//:$replica_port/}"
    fi
else
    echo "Using the database of THIDUA_DATABASE_URL; no local cluster is started."
fi

config=${CONFIGURATION:-debug}
scripts/build-deps.sh
scripts/document-tools.sh
swift build -c "$config" --product thidua
bin="$(swift build -c "$config" --show-bin-path)/thidua"

"$bin" migrate
"$bin" demo
echo
echo "ThiDua: http://${THIDUA_HOST:-127.0.0.1}:${THIDUA_PORT:-8080}  (Ctrl-C to stop the server; 'make stop' stops PostgreSQL)"
exec "$bin" serve
