#!/usr/bin/env bash
# The browser tests: the real server (debug build) on a database of its own in the test cluster,
# loaded with the demo province, driven by headless Chromium through Selenium. Called by
# scripts/test.sh with THIDUA_TEST_DATABASE_URL set; leaves screenshots in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${THIDUA_TEST_DATABASE_URL:?run through make test}"
port=${THIDUA_BROWSER_PORT:-8099}
base=${THIDUA_TEST_DATABASE_URL%/*}
admin="$base/postgres"
database=thidua_browser
psql "$admin" -qXc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >/dev/null
export THIDUA_DATABASE_URL="$base/$database"
bin=$(swift build --show-bin-path)/thidua
"$bin" migrate >/dev/null
"$bin" demo >/dev/null

# A household of the demo commune recognised as "Gia đình học tập".
household=$(psql "$THIDUA_DATABASE_URL" -qXAt -c "
    SELECT a.subject_key || '|' || a.subject_name FROM assessments a
    WHERE a.province_code = '99' AND a.set_id = 'gia-dinh-hoc-tap' AND a.state = 'recognised' AND a.year >= 2024
    ORDER BY a.subject_key LIMIT 1")
[ -n "$household" ] || { echo "no recognised household in the demo data" >&2; exit 1; }

log=$(mktemp)
THIDUA_PORT=$port THIDUA_LOG_LEVEL=warning "$bin" serve >"$log" 2>&1 &
server=$!
# Stopped as an operator's service manager stops it: SIGTERM, and it must be gone within 30 s
# (the server bounds its own drain at 25 s); a server that ignores SIGTERM fails the run.
stop_server() {
    kill "$server" 2>/dev/null || return 0
    for _ in $(seq 1 60); do
        kill -0 "$server" 2>/dev/null || { wait "$server" 2>/dev/null || true; return 0; }
        sleep 0.5
    done
    echo "the server did not stop within 30 s of SIGTERM; its last lines:" >&2
    tail -n 30 "$log" >&2
    kill -9 "$server" 2>/dev/null || true
    return 1
}
trap 'status=$?; stop_server || status=1; rm -f "$log" "$log.toml"; exit $status' EXIT
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/ready" >/dev/null || { cat "$log" >&2; exit 1; }

THIDUA_BROWSER_URL="http://127.0.0.1:$port" THIDUA_BROWSER_HOUSEHOLD="$household" python3 Tests/Browser/nomination_flow.py \
    || { echo "--- server log ---" >&2; tail -n 50 "$log" >&2; exit 1; }

# A citizen on a phone: invitation, account, questionnaire, appraisal, recognition.
THIDUA_BROWSER_URL="http://127.0.0.1:$port" python3 Tests/Browser/citizen_flow.py \
    || { echo "--- server log ---" >&2; tail -n 50 "$log" >&2; exit 1; }

# Hostile uploads against the same server: refused, /health answering, memory under the bound.
THIDUA_BROWSER_URL="http://127.0.0.1:$port" THIDUA_SERVER_PID=$server python3 Tests/Attack/hostile_uploads.py \
    || { echo "--- server log ---" >&2; tail -n 50 "$log" >&2; exit 1; }

# The API against its own description: schemathesis (in a virtual environment of its own, at the
# versions this was written against) over docs/openapi.json, signed in as four roles in turn,
# bounded in examples and time. 0 server errors and 0 answers outside the document.
# Left out: the votes operation (this release crashes generating its body, a KeyError inside the
# tool), sign-out (it would end the very session the run uses) and the queue's event stream (it
# never ends by design; the Swift tests cover it). One worker: with two, hypothesis's shared
# caches race and the run fails now and then with a "FlakyFailure" inside the tool.
venv=.venv-test
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis==4.32.5 hypothesis==6.170.17; }
# Real identifiers (left by the browser flow above) so generated requests reach the rules behind
# each resource's door, not only its 404.
config="$log.toml"
{
    echo '[parameters]'
    echo 'province = "99"'
    for pair in nominations:nominations decisions:decisions council-sessions:council_sessions \
        assessments:assessments registrations:registrations rounds:rounds; do
        id=$(psql "$THIDUA_DATABASE_URL" -qXAt -c "SELECT min(id) FROM ${pair#*:} WHERE province_code = '99'")
        [ -n "$id" ] || continue
        printf '[[operations]]\ninclude-path-regex = "^/api/v1/%s/"\nparameters = { province = "99", id = %s }\n' "${pair%%:*}" "$id"
    done
} >"$config"
# Signed in as each role whose operations differ: administrator, council secretary, chair, clerk.
for user in tinh.quantri tinh.thuky tinh.chutich xa.canbo; do
    token=$(curl -fsS -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$user\",\"password\":\"thidua-demo-2025\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
    echo "--- the API as $user ---"
    timeout 600 "$venv/bin/schemathesis" --config-file "$config" run docs/openapi.json --url "http://127.0.0.1:$port" \
        -H "Authorization: Bearer $token" \
        -c not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
        --exclude-path '/api/v1/council-sessions/{province}/{id}/votes' --exclude-path /api/v1/auth/logout \
        --exclude-path /api/v1/queue/events \
        -n 25 --phases examples,coverage,fuzzing --generation-deterministic --request-timeout 20 -w 1 \
        || { echo "--- server log ---" >&2; tail -n 50 "$log" >&2; exit 1; }
    # A run that lost its session tested only the door: fail it rather than pass it.
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" \
        || { echo "the API run as $user lost its session" >&2; exit 1; }
done

