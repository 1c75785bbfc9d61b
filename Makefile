# ThiDua — the two set-up commands are `make run` and `make test`.
.PHONY: run run-release test stop build lint bench

run:
	scripts/run.sh

# The same with an optimised build (a cold release build takes ~10 minutes).
run-release:
	CONFIGURATION=release scripts/run.sh

test:
	scripts/test.sh

stop:
	scripts/pg-cluster.sh stop .data

build:
	scripts/build-deps.sh
	swift build

lint:
	swift format lint --strict --recursive Sources Tests Package.swift

# Performance targets (release build, own throw-away cluster); see docs/benchmarks.md.
bench:
	scripts/bench.sh
