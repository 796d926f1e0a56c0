#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests (./test.sh, and tests/conftest.py when run without it):
#   scripts/pg_test.sh install     Debian's postgresql when its programs are missing (apt-get; sudo when not root)
#   scripts/pg_test.sh start DIR   a new cluster in DIR on a free port of 127.0.0.1; prints its URL
#   scripts/pg_test.sh stop DIR    stop it and remove DIR
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user (made by the package).
# Durability is off (fsync, synchronous_commit): the cluster lives for one test run.
set -euo pipefail

pg_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    command -v pg_ctl >/dev/null && dirname "$(command -v pg_ctl)" && return 0
    return 1
}

as_owner() {  # run a command as the cluster's owner: `postgres` under root, else the user itself
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

cmd_install() {
    if pg_bin >/dev/null && { [ "$(id -u)" -ne 0 ] || id postgres >/dev/null 2>&1; }; then
        return 0
    fi
    echo ">> Устанавливаю PostgreSQL из пакетов Debian (нужен тестам хранилища фактов)" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

cmd_start() {
    local dir=$1 bin port password
    bin=$(pg_bin) || { echo "PostgreSQL не найден: выполните scripts/pg_test.sh install" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')
    printf '%s\n' "$password" > "$dir/pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    for _ in 1 2 3; do  # a port found free may be taken by someone else before the server binds it
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
            "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=200" >/dev/null; then
            break
        fi
        port=""
    done
    [ -n "$port" ] || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "create role cos login password '$password'" -c "create database cos_test owner cos" >/dev/null
    echo "$port" > "$dir/port"
    echo "postgresql://cos:$password@127.0.0.1:$port/cos_test"
}

cmd_stop() {
    local dir=$1 bin
    [ -d "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ] && bin=$(pg_bin); then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start "${2:?папка кластера}" ;;
    stop) cmd_stop "${2:?папка кластера}" ;;
    *) echo "использование: $0 install | start ПАПКА | stop ПАПКА" >&2; exit 2 ;;
esac
