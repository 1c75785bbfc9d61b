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
swift build -c release --product thidua-bench
"$(swift build -c release --show-bin-path)/thidua-bench" "$@"
