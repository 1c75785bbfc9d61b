# ThiDua — the two set-up commands are `make run` and `make test`.
.PHONY: run run-release run-replica test stop build lint bench backup restore

run:
	scripts/run.sh

# The same with an optimised build (a cold release build takes ~10 minutes).
run-release:
	CONFIGURATION=release scripts/run.sh

# The same with a streaming read replica of the private cluster (.data-replica, port 54330).
run-replica:
	THIDUA_REPLICA=1 scripts/run.sh

test:
	scripts/test.sh

stop:
	scripts/pg-cluster.sh stop .data-replica
	scripts/pg-cluster.sh stop .data

build:
	scripts/build-deps.sh
	swift build

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

# Performance targets (release build, own throw-away cluster); see docs/benchmarks.md.
bench:
	scripts/bench.sh

# A base backup of the `make run` cluster, whose WAL is archived continuously (docs/operations.md).
PG_PORT ?= 54329
backup:
	scripts/pg-cluster.sh backup .data $(PG_PORT)

# A copy of the `make run` cluster as it was at TIME (default: as late as the archive goes), from the
# base backup BACKUP (a folder `make backup` printed), in .data-restored on port 54330.
restore:
	@[ -n "$(BACKUP)" ] || { echo "usage: make restore BACKUP=<folder from make backup> [TIME='2026-12-02 08:00:00+07']"; exit 2; }
	scripts/pg-cluster.sh restore .data "$(BACKUP)" .data-restored 54330 "$(TIME)"

