#!/usr/bin/env bash
# make bench: release build, a throw-away PostgreSQL cluster with PostgreSQL's durable defaults
# (fsync on, as a province's server runs), and the benchmarks of the issues, each beside its
# reference measured in the same run (pgbench for transitions, /health for HTTP).
# Results go to the terminal as a Markdown table; docs/benchmarks.md records them.
# THIDUA_BENCH_CLIENTS (default 1,8,32): the concurrent clients of the transition benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${THIDUA_BENCH_PG_PORT:-54349}
dir=.data-bench

scripts/pg-cluster.sh install
scripts/pg-cluster.sh stop "$dir" 2>/dev/null || true
if [ -L "$dir/pg" ]; then target=$(readlink -f "$dir/pg"); rm -rf "$target" "$target-wal" "$target-backups"; fi
rm -rf "$dir"
scripts/pg-cluster.sh start "$dir" "$port" durable thidua_bench
trap 'scripts/pg-cluster.sh stop "$dir"' EXIT

export THIDUA_BENCH_DATABASE_URL
THIDUA_BENCH_DATABASE_URL=$(scripts/pg-cluster.sh url "$dir" "$port" thidua_bench)
export THIDUA_BENCH_CLIENTS=${THIDUA_BENCH_CLIENTS:-1,8,32}
if [ "$*" != "pages" ]; then
    scripts/build-deps.sh
    swift build -c release --product thidua-bench
    "$(swift build -c release --show-bin-path)/thidua-bench" "$@"
fi

# The reference for the transition path: pgbench's built-in TPC-B-like script on the same server,
# at the same numbers of clients.
if [ $# -eq 0 ] || [[ " $* " == *" transitions "* ]]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    "$bindir/pgbench" -i -q -s 10 "$THIDUA_BENCH_DATABASE_URL" >/dev/null 2>&1
    for clients in ${THIDUA_BENCH_CLIENTS//,/ }; do
        tps=$(timeout 60 "$bindir/pgbench" -c "$clients" -j "$(( clients < 2 ? 1 : 2 ))" -T 15 "$THIDUA_BENCH_DATABASE_URL" 2>/dev/null |
            awk '/^tps = / { printf "%d", $3 }')
        echo "| pgbench built-in TPC-B-like, $clients clients, same server | ${tps:-not measured} tps | reference |"
    done
fi

if [ $# -eq 0 ] || [[ " $* " == *" pages "* ]]; then
    scripts/bench-pages.sh
fi
