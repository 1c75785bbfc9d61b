#!/usr/bin/env bash
# make bench: release build, a throw-away PostgreSQL cluster, and the benchmarks of the issues.
# Results go to the terminal as a Markdown table; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${THIDUA_BENCH_PG_PORT:-54349}
dir=.data-bench

scripts/pg-cluster.sh install
scripts/pg-cluster.sh stop "$dir" 2>/dev/null || true
if [ -L "$dir/pg" ]; then rm -rf "$(readlink -f "$dir/pg")"; fi
rm -rf "$dir"
scripts/pg-cluster.sh start "$dir" "$port" test thidua_bench
trap 'scripts/pg-cluster.sh stop "$dir"' EXIT

export THIDUA_BENCH_DATABASE_URL
THIDUA_BENCH_DATABASE_URL=$(scripts/pg-cluster.sh url "$dir" "$port" thidua_bench)
if [ "$*" != "pages" ]; then
    scripts/build-deps.sh
    swift build -c release --product thidua-bench
    "$(swift build -c release --show-bin-path)/thidua-bench" "$@"
fi

# The reference for the transition path: pgbench's built-in TPC-B-like script, 8 clients, same server.
if [ $# -eq 0 ] || [[ " $* " == *" transitions "* ]]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    "$bindir/pgbench" -h 127.0.0.1 -p "$port" -U thidua -i -q -s 10 thidua_bench >/dev/null 2>&1
    tps=$(timeout 60 "$bindir/pgbench" -h 127.0.0.1 -p "$port" -U thidua -c 8 -j 2 -T 15 thidua_bench 2>/dev/null | awk '/^tps = / { print $3 }')
    echo "| pgbench built-in TPC-B-like, 8 clients, same server | ${tps:-not measured} tps | — |"
fi

if [ $# -eq 0 ] || [[ " $* " == *" pages "* ]]; then
    scripts/bench-pages.sh
fi
