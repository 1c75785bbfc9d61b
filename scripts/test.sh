#!/usr/bin/env bash
# make test: a fresh throw-away PostgreSQL cluster, the Swift test suite against it, then the
# browser tests. Never touches the data of 'make run'.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${THIDUA_TEST_PG_PORT:-54339}
dir=.data-test

swift format lint --strict --recursive Sources Tests Package.swift
scripts/pg-cluster.sh install
scripts/test-tools.sh
scripts/build-deps.sh
scripts/pg-cluster.sh stop "$dir" 2>/dev/null || true
if [ -L "$dir/pg" ]; then rm -rf "$(readlink -f "$dir/pg")"; fi
rm -rf "$dir"
scripts/pg-cluster.sh start "$dir" "$port" test thidua_test
trap 'scripts/pg-cluster.sh stop "$dir"' EXIT

export THIDUA_TEST_DATABASE_URL
THIDUA_TEST_DATABASE_URL=$(scripts/pg-cluster.sh url "$dir" "$port" thidua_test)

swift build --build-tests
# The suite has hung now and then (about one run in five lately) with every task suspended and no
# database connection left: a request to a pool that is never served is the suspect
# (vapor/postgres-nio#657), not yet proven. Until it is found, a run that has not finished in
# 10 minutes (it takes about one) is stopped and run once more, saying so; a second hang fails.
# The fault tests (a server killed, PostgreSQL restarted, each with its own processes and a burst
# of load) and the fuzzers (seconds of computation without a suspension point, holding the test
# runner's two threads) run after the rest, on their own: beside the other suites they starved the
# in-process servers of the tests that time their answers (the parallel sign-in burst over real
# sockets runs with them for the same reason). The database cut through a proxy runs there too:
# beside a hundred suites it was where the remaining hang showed (02/12/2026, once in six runs).
faults='ServerKillTests|ImportKillTests|DatabaseRestartTests|DatabaseOutageTests|FuzzTests|ParallelLoginTests'
# Clusters and servers of their own (a primary with its replica; two servers behind HAProxy): run
# last, on their own — beside the fault suites a server of the restart test once failed to start in time.
scaled='ReadReplicaTests|SeveralServersTests'
status=0
timeout --kill-after=10 600 swift test --skip-build --disable-xctest --skip "$faults|$scaled" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "[test] the suite hung (no answer in 10 minutes): running it once more" >&2
    pkill -9 -f ThiDuaPackageTests.xctest 2>/dev/null || true
    timeout --kill-after=10 600 swift test --skip-build --disable-xctest --skip "$faults|$scaled"
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi
timeout --kill-after=10 600 swift test --skip-build --disable-xctest --filter "$faults"
timeout --kill-after=10 600 swift test --skip-build --disable-xctest --filter "$scaled"
scripts/backup-test.sh
scripts/browser-test.sh
