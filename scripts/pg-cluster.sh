#!/usr/bin/env bash
# A private PostgreSQL cluster for ThiDua, in a folder of the checkout.
#
#   scripts/pg-cluster.sh install                 install the server package if it is missing
#   scripts/pg-cluster.sh start DIR PORT MODE DB  create (first time) and start; MODE is durable or test
#   scripts/pg-cluster.sh stop DIR                stop it
#   scripts/pg-cluster.sh url DIR PORT DB         print the connection URL
#   scripts/pg-cluster.sh backup DIR PORT         base backup of a durable cluster (pg_basebackup); prints its folder
#   scripts/pg-cluster.sh replica DIR PORT NEWDIR NEWPORT
#                                                 a streaming read replica of the cluster in DIR (on PORT) in
#                                                 NEWDIR, on NEWPORT (pg_basebackup -R, hot standby)
#   scripts/pg-cluster.sh restore DIR BACKUP NEWDIR NEWPORT [TIME]
#                                                 a new cluster in NEWDIR from BACKUP and DIR's archived WAL,
#                                                 recovered to TIME ('2026-12-02 08:00:00+07') or to the end
#
# A durable cluster archives every WAL segment (at least once a minute) to DIR/pg-wal, so a base
# backup and the archive restore the data as it was at any moment since the backup.
# durable: PostgreSQL's safe defaults and password (SCRAM) authentication, the password generated
#          once into DIR/password (mode 0600). This is the cluster that holds a user's data.
# test:    trust authentication and fsync off: a throw-away cluster, never for real data.
#
# initdb and postgres refuse to run as root: as root the cluster runs as the 'postgres' user.
set -euo pipefail

log() { printf '[pg-cluster] %s\n' "$*" >&2; }
die() { printf '[pg-cluster] error: %s\n' "$*" >&2; exit 1; }

pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

install_server() {
    if pg_bindir >/dev/null; then return 0; fi
    [ "$(id -u)" = 0 ] || die "PostgreSQL server is not installed; run as root or: sudo apt-get install -y postgresql postgresql-contrib"
    log "installing the PostgreSQL server package (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql postgresql-contrib >&2
    pg_bindir >/dev/null || die "PostgreSQL installed but initdb was not found under /usr/lib/postgresql/*/bin"
}

# Runs a command as the cluster's owner: 'postgres' when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The folder holding the cluster files. As root, the postgres user must be able to reach it; when
# the checkout sits where it cannot (under /root, say), the files live under /var/lib/thidua and
# DIR/pg points there.
data_dir() {
    local dir=$1
    if [ -L "$dir/pg" ]; then readlink -f "$dir/pg"; return; fi
    echo "$(cd "$dir" && pwd)/pg"
}

prepare_data_dir() {
    local dir=$1
    mkdir -p "$dir"
    chmod 0711 "$dir"
    if [ "$(id -u)" != 0 ]; then mkdir -p "$dir/pg"; chmod 0700 "$dir/pg"; return; fi
    id postgres >/dev/null 2>&1 || die "the 'postgres' user does not exist (is the postgresql package installed?)"
    if [ ! -e "$dir/pg" ]; then
        if runuser -u postgres -- test -x "$(cd "$dir" && pwd)"; then
            mkdir -p "$dir/pg"
        else
            local target="/var/lib/thidua/$(cd "$dir" && pwd | sha256sum | cut -c1-16)"
            log "postgres cannot reach $dir; keeping the cluster files in $target"
            mkdir -p "$target"
            ln -s "$target" "$dir/pg"
        fi
    fi
    local pgdata; pgdata=$(data_dir "$dir")
    chown postgres:postgres "$pgdata"
    chmod 0700 "$pgdata"
}

# Where a durable cluster's WAL segments are archived, and where its base backups go: beside its
# files, where the cluster's owner can write.
archive_dir() { echo "$(data_dir "$1")-wal"; }
backups_dir() { echo "$(data_dir "$1")-backups"; }

owned_dir() {
    mkdir -p "$1"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$1"
    chmod 0700 "$1"
}

psql_admin() {
    local dir=$1 port=$2; shift 2
    local password=""
    [ -f "$dir/password" ] && password=$(cat "$dir/password")
    PGPASSWORD="$password" "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U thidua "$@"
}

start() {
    local dir=$1 port=$2 mode=$3 db=$4
    install_server
    local bin; bin=$(pg_bindir)
    prepare_data_dir "$dir"
    local pgdata; pgdata=$(data_dir "$dir")

    if [ ! -f "$pgdata/PG_VERSION" ]; then
        log "creating a $mode cluster in $dir (port $port)…"
        # Byte-order default collation: fast key comparisons and no index damage when the C
        # library is upgraded; Vietnamese names sort with the explicit ICU collation vi_vn.
        local initdb_args=(-D "$pgdata" -U thidua -E UTF8 --lc-collate=C --lc-ctype=C.UTF-8 --lc-messages=C.UTF-8 --lc-monetary=C.UTF-8 --lc-numeric=C.UTF-8 --lc-time=C.UTF-8)
        if [ "$mode" = durable ]; then
            if [ ! -f "$dir/password" ]; then
                (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 > "$dir/password")
            fi
            chmod 0600 "$dir/password"
            local pwfile; pwfile=$(mktemp /tmp/thidua-pw.XXXXXX)
            cp "$dir/password" "$pwfile"
            [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
            initdb_args+=(--auth-local=scram-sha-256 --auth-host=scram-sha-256 --pwfile="$pwfile")
            as_owner "$bin/initdb" "${initdb_args[@]}" >/dev/null || { rm -f "$pwfile"; die "initdb failed"; }
            rm -f "$pwfile"
        else
            initdb_args+=(--auth=trust)
            as_owner "$bin/initdb" "${initdb_args[@]}" >/dev/null || die "initdb failed"
        fi
        {
            echo "# ThiDua private cluster ($mode)"
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $port"
            echo "unix_socket_directories = '/tmp'"
            if [ "$mode" = test ]; then
                # Test suites run in parallel, each with its own database, pool and application.
                echo "max_connections = 600"
                echo "# Throw-away test cluster: speed over durability."
                echo "fsync = off"
                echo "synchronous_commit = off"
                echo "full_page_writes = off"
            else
                echo "max_connections = 200"
            fi
        } | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
    fi

    if [ "$mode" = durable ] && ! grep -q '^archive_mode' "$pgdata/postgresql.conf"; then
        local archive; archive=$(archive_dir "$dir")
        owned_dir "$archive"
        {
            echo "# Continuous archiving for point-in-time recovery (scripts/pg-cluster.sh backup/restore)."
            echo "archive_mode = on"
            echo "archive_command = 'test ! -f $archive/%f && cp %p $archive/%f'"
            echo "archive_timeout = 60"
        } | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
        if as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
            log "WAL archiving configured: it starts when the cluster is restarted (make stop; make run)"
        fi
    fi

    if as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        log "cluster in $dir already running"
    else
        local logfile="$pgdata/server.log"
        as_owner "$bin/pg_ctl" -D "$pgdata" -l "$logfile" -w -t 60 -o "-p $port" start >/dev/null \
            || { tail -n 20 "$logfile" >&2 || true; die "PostgreSQL did not start (is port $port taken? see $logfile)"; }
    fi

    if [ -n "$(psql_admin "$dir" "$port" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        :
    else
        psql_admin "$dir" "$port" -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
        log "created database $db"
    fi
}

backup() {
    local dir=$1 port=$2
    [ -f "$dir/password" ] || die "$dir is not a durable cluster: nothing to back up"
    local bin; bin=$(pg_bindir)
    local base; base=$(backups_dir "$dir")
    owned_dir "$base"
    local target; target="$base/$(date -u +%Y%m%dT%H%M%SZ)"
    local pwfile; pwfile=$(mktemp /tmp/thidua-pw.XXXXXX)
    printf '127.0.0.1:%s:*:thidua:%s\n' "$port" "$(cat "$dir/password")" > "$pwfile"
    chmod 0600 "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_owner env PGPASSFILE="$pwfile" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U thidua -D "$target" \
        -X stream -c fast -l "thidua $(date -u +%FT%TZ)" || { rm -f "$pwfile"; die "pg_basebackup failed"; }
    rm -f "$pwfile"
    log "base backup in $target (WAL archived in $(archive_dir "$dir"))"
    echo "$target"
}

restore() {
    local dir=$1 backup=$2 newdir=$3 newport=$4 time=${5:-}
    [ -f "$backup/PG_VERSION" ] || die "$backup is not a base backup"
    local bin; bin=$(pg_bindir)
    prepare_data_dir "$newdir"
    local pgdata; pgdata=$(data_dir "$newdir")
    [ -f "$pgdata/PG_VERSION" ] && die "$newdir already holds a cluster"
    as_owner cp -a "$backup/." "$pgdata/"
    cp "$dir/password" "$newdir/password"
    local archive; archive=$(archive_dir "$dir")
    {
        echo "# Restored from $backup"
        echo "port = $newport"
        # The copy recovers from the original's archive and archives nothing itself.
        echo "archive_mode = off"
        echo "restore_command = 'cp $archive/%f %p'"
        [ -n "$time" ] && echo "recovery_target_time = '$time'"
        echo "recovery_target_action = 'promote'"
    } | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
    as_owner touch "$pgdata/recovery.signal"
    local logfile="$pgdata/server.log"
    as_owner "$bin/pg_ctl" -D "$pgdata" -l "$logfile" -w -t 120 -o "-p $newport" start >/dev/null \
        || { tail -n 20 "$logfile" >&2 || true; die "the restored cluster did not start (see $logfile)"; }
    # Recovery ends with a promotion; wait for it before saying the copy is ready.
    for _ in $(seq 1 120); do
        [ "$(psql_admin "$newdir" "$newport" -d postgres -tAc 'SELECT pg_is_in_recovery()')" = f ] && break
        sleep 0.5
    done
    log "restored ${time:+to $time }into $newdir (port $newport)"
}

replica() {
    local dir=$1 port=$2 newdir=$3 newport=$4
    local bin; bin=$(pg_bindir)
    prepare_data_dir "$newdir"
    local pgdata; pgdata=$(data_dir "$newdir")
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        local pwfile; pwfile=$(mktemp /tmp/thidua-pw.XXXXXX)
        if [ -f "$dir/password" ]; then
            printf '127.0.0.1:%s:*:thidua:%s\n' "$port" "$(cat "$dir/password")" > "$pwfile"
            cp "$dir/password" "$newdir/password"
        fi
        chmod 0600 "$pwfile"
        [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
        # -R writes standby.signal and the primary's address: the copy starts as a hot standby
        # that streams from the primary.
        # A slot left by an earlier replica on this port (its folder removed) is replaced.
        psql_admin "$dir" "$port" -d postgres -tAc \
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'thidua_replica_$newport' AND NOT active" >/dev/null
        # A replication slot on the primary keeps the WAL the replica has not received yet, so a
        # replica that was stopped catches up (drop it when retiring the replica:
        # SELECT pg_drop_replication_slot('thidua_replica_$newport')).
        as_owner env PGPASSFILE="$pwfile" "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U thidua -D "$pgdata" \
            -X stream -c fast -R -C -S "thidua_replica_$newport" || { rm -f "$pwfile"; die "pg_basebackup failed"; }
        rm -f "$pwfile"
        {
            echo "# Streaming read replica of 127.0.0.1:$port"
            echo "port = $newport"
            echo "hot_standby = on"
            # The replica archives nothing: the primary does.
            echo "archive_mode = off"
        } | as_owner tee -a "$pgdata/postgresql.auto.conf" >/dev/null
    fi
    if as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        log "replica in $newdir already running"
        return 0
    fi
    local logfile="$pgdata/server.log"
    as_owner "$bin/pg_ctl" -D "$pgdata" -l "$logfile" -w -t 60 -o "-p $newport" start >/dev/null \
        || { tail -n 20 "$logfile" >&2 || true; die "the replica did not start (see $logfile)"; }
    log "read replica of port $port in $newdir (port $newport)"
}

stop() {
    local dir=$1
    [ -d "$dir" ] || { log "no cluster in $dir"; return 0; }
    local bin; bin=$(pg_bindir) || { log "PostgreSQL is not installed"; return 0; }
    local pgdata; pgdata=$(data_dir "$dir")
    if [ -f "$pgdata/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
        log "stopped the cluster in $dir"
    else
        log "the cluster in $dir is not running"
    fi
}

url() {
    local dir=$1 port=$2 db=$3
    if [ -f "$dir/password" ]; then
        echo "postgres://thidua:$(cat "$dir/password")@127.0.0.1:$port/$db"
    else
        echo "postgres://thidua@127.0.0.1:$port/$db"
    fi
}

cmd=${1:-}
shift || true
case "$cmd" in
    install) install_server ;;
    start) [ $# -eq 4 ] || die "usage: start DIR PORT durable|test DATABASE"; start "$@" ;;
    stop) [ $# -eq 1 ] || die "usage: stop DIR"; stop "$@" ;;
    url) [ $# -eq 3 ] || die "usage: url DIR PORT DATABASE"; url "$@" ;;
    backup) [ $# -eq 2 ] || die "usage: backup DIR PORT"; backup "$@" ;;
    replica) [ $# -eq 4 ] || die "usage: replica DIR PORT NEWDIR NEWPORT"; replica "$@" ;;
    restore) [ $# -ge 4 ] || die "usage: restore DIR BACKUP NEWDIR NEWPORT [TIME]"; restore "$@" ;;
    *) die "usage: $0 install|start|stop|url|backup|replica|restore …" ;;
esac
