#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the PostgreSQL adapter's tests.
#   start: installs Debian postgresql-15 when the server binaries are missing (needs root and apt),
#          creates a cluster in a temp dir, starts it on a free port, creates database echotrace_test,
#          and writes ECHOTRACE_TEST_PG_URL=... to .tmp/postgres-test.env (for `set -a; . file`).
#   stop:  stops that server and removes its cluster.
# The cluster trusts local connections only; it holds nothing but test data.
set -euo pipefail
cd "$(dirname "$0")/.."
state_dir=.tmp
env_file="$state_dir/postgres-test.env"
state_file="$state_dir/postgres-test.state"
mkdir -p "$state_dir"

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    # From /, which the owner can enter, so its tools do not complain about our working directory.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

start() {
  if [ -f "$state_file" ]; then
    echo "postgres-test-server: already started ($(cat "$state_file")); run stop first" >&2
    exit 1
  fi
  local bindir
  if ! bindir=$(find_bindir); then
    echo "postgres-test-server: installing postgresql-15 with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
    bindir=$(find_bindir)
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
  local dir port
  dir=$(mktemp -d /tmp/echotrace-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  port=$(free_port)
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres echotrace_test
  echo "$bindir $dir" >"$state_file"
  local url="postgres://postgres@127.0.0.1:$port/echotrace_test"
  echo "ECHOTRACE_TEST_PG_URL=$url" >"$env_file"
  echo "ECHOTRACE_TEST_PG_URL=$url"
}

stop() {
  if [ ! -f "$state_file" ]; then
    echo "postgres-test-server: not started" >&2
    return 0
  fi
  local bindir dir
  read -r bindir dir <"$state_file"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  rm -f "$state_file" "$env_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
