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
swift test --skip-build --disable-xctest
scripts/browser-test.sh
