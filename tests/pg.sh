# Shared by tests/run.sh and tests/bench.sh: a throwaway PostgreSQL cluster for one run.
#
#   PG_LOG_TAG="tests/xyz.sh"   # optional, prefixes log lines: [tests/xyz.sh] ...
#   source tests/pg.sh
#   trap 'pg_stop' EXIT          # or call pg_stop from your own EXIT trap
#   start_pg [extra server opts] # on success exports MARKET_TEST_PG
#
# start_pg finds the newest server in /usr/lib/postgresql/*/bin (or PATH; installs it with
# apt-get when root and missing), creates a cluster in a temp dir with initdb
# --locale=C.UTF-8 (so pg_trgm treats CJK characters as word characters), starts it on a
# free loopback port and exports MARKET_TEST_PG, an Npgsql connection string for the
# postgres superuser, and MARKET_TEST_PG_CTL / _DATA / _LOG / _OS_USER (pg_ctl, data dir, server
# log, the OS user pg_ctl must run as: postgres when we are root, else empty = ourselves). pg_stop stops the server and removes the temp dir.
# shellcheck shell=bash

PG_TMP=""
PG_BIN=""
PG_STARTED=0

log() { echo "[${PG_LOG_TAG:-tests/pg.sh}] $*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a PostgreSQL server binary: as the postgres user when we are root (the server
# refuses to run as root), as ourselves otherwise. cd into the temp dir first so the
# postgres user never has to read the caller's working directory.
as_pg() {
  if is_root; then
    (cd "$PG_TMP" && runuser -u postgres -- "$@")
  else
    (cd "$PG_TMP" && "$@")
  fi
}

# Stops the server started by start_pg (if any) and removes its temp dir. Never fails.
pg_stop() {
  if [ "$PG_STARTED" -eq 1 ] && [ -n "$PG_TMP" ] && [ -d "$PG_TMP/data" ]; then
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_TMP/data" -m immediate -w >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
    rm -rf "$PG_TMP" || true
  fi
  PG_STARTED=0
  return 0
}

find_pg_bin() {
  local d best="" best_ver=-1 v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ] || continue
    v="$(basename "$(dirname "$d")")"
    v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] || v=0
    if [ "$v" -gt "$best_ver" ]; then best_ver="$v"; best="$d"; fi
  done
  if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1; then
    best="$(dirname "$(command -v pg_ctl)")"
    # Debian's /usr/bin/pg_ctl is a wrapper without initdb beside it.
    [ -x "$best/initdb" ] && [ -x "$best/postgres" ] || best=""
  fi
  PG_BIN="$best"
}

install_pg() {
  # A fresh machine may lack the server: install it from Debian's packages (root only),
  # without letting the package create or start a cluster of its own.
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  log "PostgreSQL server not found; installing it with apt-get"
  mkdir -p /etc/postgresql-common
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local ok=0
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -q postgresql postgresql-contrib </dev/null >&2 \
     || { apt-get update -q </dev/null >&2 && apt-get install -y -q postgresql postgresql-contrib </dev/null >&2; }; then
    ok=1
  fi
  [ "$created_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$ok" -eq 1 ]
}

port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Htln "sport = :$port" 2>/dev/null)" ] && return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
  return 1
}

pick_port() {
  local port i
  for i in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40001 ))
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# start_pg [extra postgres options, e.g. "-c shared_buffers=512MB"]
start_pg() {
  local extra_opts="${1:-}"
  find_pg_bin
  if [ -z "$PG_BIN" ]; then
    install_pg || true
    find_pg_bin
  fi
  if [ -z "$PG_BIN" ]; then
    log "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH); set MARKET_TEST_PG or install postgresql"
    return 1
  fi

  if is_root; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    PG_TMP="$(mktemp -d /tmp/market-pg.XXXXXX)"
    chown postgres: "$PG_TMP"
  else
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/market-pg.XXXXXX")"
  fi
  chmod 700 "$PG_TMP"

  if ! as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
       >"$PG_TMP/initdb.log" 2>&1; then
    log "initdb failed:"
    cat "$PG_TMP/initdb.log" >&2
    return 1
  fi

  local attempt port
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)" || { log "could not find a free port"; return 1; }
    if as_pg "$PG_BIN/pg_ctl" -w -t 60 -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300${extra_opts:+ $extra_opts}" \
         start >"$PG_TMP/pg_ctl.log" 2>&1; then
      PG_STARTED=1
      export MARKET_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
      # For tests that restart the server (ChaosTests): pg_ctl, data dir, log, and the OS user to run it as.
      export MARKET_TEST_PG_CTL="$PG_BIN/pg_ctl" MARKET_TEST_PG_DATA="$PG_TMP/data" MARKET_TEST_PG_LOG="$PG_TMP/server.log"
      if is_root; then export MARKET_TEST_PG_OS_USER=postgres; else export MARKET_TEST_PG_OS_USER=""; fi
      log "started PostgreSQL ($PG_BIN) on 127.0.0.1:$port, data in $PG_TMP/data"
      return 0
    fi
    # pg_ctl may have left a half-started server behind (e.g. timeout): stop it.
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_TMP/data" -m immediate -w >/dev/null 2>&1 || true
    if grep -qiE 'address already in use|could not create any TCP/IP sockets|could not bind' "$PG_TMP/server.log" 2>/dev/null; then
      log "port $port was taken, retrying (attempt $attempt)"
      : >"$PG_TMP/server.log"
      continue
    fi
    break
  done
  log "PostgreSQL failed to start. pg_ctl said:"
  cat "$PG_TMP/pg_ctl.log" >&2 || true
  log "server log ($PG_TMP/server.log):"
  cat "$PG_TMP/server.log" >&2 || true
  return 1
}

# Stops the throwaway server however the calling script ends (success, failure, Ctrl-C).
pg_stop_on_exit() {
  _pg_cleanup() {
    local rc=$?
    set +e
    pg_stop
    exit "$rc"
  }
  trap _pg_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
