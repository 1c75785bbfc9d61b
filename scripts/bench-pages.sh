#!/usr/bin/env bash
# Page timings at the server for a province with 100,000 nominations (issue: every page under
# 100 ms). Called by scripts/bench.sh with THIDUA_BENCH_DATABASE_URL set: loads the demo province,
# generates the nominations set-based, serves the release build and times each page with curl
# (signed in as the demo commune reviewer, whose queue is the largest).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${THIDUA_BENCH_DATABASE_URL:?run through make bench}"
export THIDUA_DATABASE_URL=$THIDUA_BENCH_DATABASE_URL
bin=$(swift build -c release --show-bin-path)/thidua
swift build -c release --product thidua >/dev/null
"$bin" migrate >/dev/null
"$bin" demo >/dev/null
count=${THIDUA_BENCH_NOMINATIONS:-100000}
psql "$THIDUA_DATABASE_URL" -qX <<SQL >/dev/null
DELETE FROM nomination_transitions WHERE nomination_id IN (SELECT id FROM nominations WHERE nominee_key LIKE 'BENCH-%');
WITH units AS (SELECT array_agg(id ORDER BY code) AS ids FROM admin_units WHERE province_code = '99' AND level = 'commune' AND valid_to IS NULL),
     states AS (SELECT ARRAY['xa_lap_ho_so','xa_tham_dinh','xa_bo_sung','xa_hoi_dong','xa_cho_quyet_dinh','tinh_tiep_nhan','tinh_hoi_dong'] AS s),
     names AS (SELECT ARRAY['Nguyễn Văn','Trần Thị','Lê Hoàng','Phạm Thị','Hoàng Đức','Vũ Thị','Đặng Quốc'] AS n)
INSERT INTO nominations (province_code, round_id, workflow_id, workflow_version, award, basis, nominee_kind, nominee_key, nominee_name,
                         nominee_folded, unit_id, achievement, state, due_on, state_since)
SELECT '99', (SELECT min(id) FROM rounds WHERE province_code = '99'), 'khen-thuong-2-cap', '2025',
       CASE WHEN g % 3 = 0 THEN 'bang-khen-tinh' ELSE 'giay-khen-xa' END, 'thematic', 'individual', 'BENCH-' || g,
       names.n[1 + g % 7] || ' ' || g, lower(translate(names.n[1 + g % 7], 'ễăầạếịộọờứữđĐ', 'eaaaeiooouudD')) || '_' || g,
       units.ids[1 + g % array_length(units.ids, 1)], 'Tích cực học tập suốt đời', states.s[1 + g % 7],
       current_date + (g % 40) - 20, now() - make_interval(days => g % 60)
FROM generate_series(1, $count) g, units, states, names;
INSERT INTO nomination_transitions (province_code, nomination_id, seq, from_state, to_state, action)
SELECT province_code, id, 0, NULL, state, 'create' FROM nominations WHERE nominee_key LIKE 'BENCH-%';
SQL
# The steady state autovacuum reaches within minutes of a bulk load: statistics and visibility
# map (which lets the queue indexes answer without visiting the table).
psql "$THIDUA_DATABASE_URL" -qXc "VACUUM ANALYZE" >/dev/null
port=${THIDUA_BENCH_PORT:-8097}
THIDUA_PORT=$port THIDUA_LOG_LEVEL=error "$bin" serve >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 0.5; done

jar=$(mktemp)
base="http://127.0.0.1:$port"
curl -fsS -c "$jar" -b "$jar" "$base/login" >/dev/null
csrf=$(awk '$6 == "thidua_csrf" { print $7 }' "$jar")
curl -fsS -c "$jar" -b "$jar" -o /dev/null --data "_csrf=$csrf&username=xa.chuyenvien&password=thidua-demo-2025&next=%2F" "$base/login"
id=$(psql "$THIDUA_DATABASE_URL" -qXAt -c "SELECT n.id FROM nominations n JOIN admin_units u ON u.id = n.unit_id WHERE u.code = '99010' AND n.nominee_key LIKE 'BENCH-%' ORDER BY n.id LIMIT 1")
total=$(psql "$THIDUA_DATABASE_URL" -qXAt -c "SELECT count(*) FROM nominations WHERE province_code = '99'")
echo "pages: $total nominations in province 99"
for page in "/queue" "/queue?q=nguyen+van" "/queue?overdue=true" "/queue?page=50" "/nominations/99/$id" "/decisions" "/council-sessions" "/"; do
    times=()
    for _ in $(seq 1 21); do
        times+=("$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' "$base$page")")
    done
    status=$(printf '%s\n' "${times[@]}" | awk '{print $1}' | sort -u | tr '\n' ' ')
    median=$(printf '%s\n' "${times[@]}" | awk '{print $2 * 1000}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    worst=$(printf '%s\n' "${times[@]}" | awk '{print $2 * 1000}' | sort -n | tail -n 1)
    echo "| Page \`$page\` (HTTP $status), province of $total nominations: median / worst of 21 | ${median} / ${worst} ms | < 100 ms |"
done

# Under load (issue "Proof"): wrk, 64 connections, 2 threads, the same server; /health of that
# server is the reference in the same run. The queue as a commune reviewer (page) and as the
# province's reviewer, who sees every open nomination (page and API, the session as bearer).
if command -v wrk >/dev/null; then
    seconds=${THIDUA_BENCH_WRK_SECONDS:-15}
    pjar=$(mktemp)
    curl -fsS -c "$pjar" -b "$pjar" "$base/login" >/dev/null
    pcsrf=$(awk '$6 == "thidua_csrf" { print $7 }' "$pjar")
    curl -fsS -c "$pjar" -b "$pjar" -o /dev/null --data "_csrf=$pcsrf&username=tinh.chuyenvien&password=thidua-demo-2025&next=%2F" "$base/login"
    cookie() { awk '$6 ~ /^thidua_(session|csrf)$/ { printf "%s=%s; ", $6, $7 }' "$1"; }
    token=$(awk '$6 == "thidua_session" { print $7 }' "$pjar")
    open=$(psql "$THIDUA_DATABASE_URL" -qXAt -c "SELECT count(*) FROM nominations WHERE province_code = '99' AND is_open")
    load() { # name, then wrk's arguments
        local name=$1; shift
        local out; out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@" 2>&1)
        local rate p50 p99
        rate=$(awk '/^Requests\/sec/ { printf "%d", $2 }' <<<"$out")
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
        local errors; errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')
        echo "| wrk 64 connections, ${seconds} s: $name ($open open nominations in the province) | $rate req/s, p50 $p50, p99 $p99 ${errors:+($errors)} | p99 < 100 ms |"
    }
    load "/health (reference)" "$base/health"
    load "page /queue, commune reviewer" -H "Cookie: $(cookie "$jar")" "$base/queue"
    load "page /queue, province reviewer" -H "Cookie: $(cookie "$pjar")" "$base/queue"
    load "GET /api/v1/queue, province reviewer" -H "Authorization: Bearer $token" "$base/api/v1/queue"
fi

