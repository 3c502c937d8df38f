# Starts a throwaway PostgreSQL cluster on a free loopback port; source this file, then call start_postgres.
# Sets LANTERN_PG_URL (a database named lantern) and stops the cluster on exit via stop_postgres.

ensure_postgres_binaries() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "==> Installing PostgreSQL (Debian package postgresql)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Runs a PostgreSQL server program as the cluster's owner (initdb refuses to run as root).
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  ensure_postgres_binaries
  PG_DIR=$(mktemp -d /tmp/lantern-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$PG_DIR"
  fi
  PG_PORT=$(free_port)
  as_pg_owner "$PG_BIN/initdb" --pgdata "$PG_DIR/data" --username lantern --auth trust --encoding UTF8 \
    --locale C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  as_pg_owner "$PG_BIN/pg_ctl" --pgdata "$PG_DIR/data" --log "$PG_DIR/server.log" --wait --timeout 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=${PG_MAX_CONNECTIONS:-500} -c fsync=${PG_FSYNC:-on}" \
    start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  "$PG_BIN/createdb" --host 127.0.0.1 --port "$PG_PORT" --username lantern lantern
  LANTERN_PG_URL="postgres://lantern@127.0.0.1:$PG_PORT/lantern"
  export LANTERN_PG_URL
  echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    as_pg_owner "$PG_BIN/pg_ctl" --pgdata "$PG_DIR/data" --mode immediate --wait stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=
  fi
}
