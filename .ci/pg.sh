#!/usr/bin/env bash
# Throwaway PostgreSQL for the tests: `.ci/pg.sh start` installs the server
# when missing (Debian's postgresql), creates a cluster in a temporary folder
# owned by an unprivileged user (PostgreSQL refuses to run as root), listens
# on a Unix socket in that folder only (no TCP), creates the database
# `optionspace` and prints the connection URL; `.ci/pg.sh stop DIR` stops it
# and removes the folder. `.ci/pg.sh ctl DIR stop|start` stops the server
# (fast shutdown, as a restart does) or starts it again with its data kept:
# the tests of a server restarted under a running app use it on a server of
# their own (with-pg.sh exports OPTIONSPACE_TEST_PG_SCRIPT, this script).
set -eu
cmd=${1:-start}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
run=""
[ "$(id -u)" -eq 0 ] && run="runuser -u nobody --"
pgstart() {
  $run "$pgbin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -o "-c listen_addresses='' -k $1 -c fsync=off" start >/dev/null || { cat "$1/server.log" >&2; exit 1; }
}
case "$cmd" in
start)
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "pg: installing postgresql" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  dir=$(mktemp -d /tmp/optionspace-pg.XXXXXX)
  run=""
  if [ "$(id -u)" -eq 0 ]; then
    user=nobody
    id "$user" >/dev/null 2>&1 || { echo "pg: no unprivileged user 'nobody' to run PostgreSQL as" >&2; exit 1; }
    chown "$user" "$dir"
    run="runuser -u $user --"
  fi
  chmod 700 "$dir"
  $run "$pgbin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  pgstart "$dir"
  $run "$pgbin/createdb" -h "$dir" -U postgres optionspace
  chmod 755 "$dir"
  echo "postgres://postgres@/optionspace?host=$dir"
  ;;
stop)
  dir=${2:?usage: pg.sh stop DIR}
  $run "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
ctl)
  dir=${2:?usage: pg.sh ctl DIR stop|start}
  case "${3:-}" in
  stop) $run "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  start) pgstart "$dir" ;;
  *) echo "usage: .ci/pg.sh ctl DIR stop|start" >&2; exit 2 ;;
  esac
  ;;
*)
  echo "usage: .ci/pg.sh start | stop DIR | ctl DIR stop|start" >&2; exit 2 ;;
esac
