#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster on loopback for the collector tests.
#
#   source .ci/postgres.sh     # installs postgresql if needed, starts a cluster, exports TRIAGE_TEST_POSTGRES_URL
#   triage_pg_stop             # stops it and removes its files (also run on the sourcing shell's EXIT)
#
# Runs the server as the `postgres` user (initdb refuses root). If the cluster cannot be started the URL is
# left unset and a warning is printed: the PostgreSQL tests then fail under CI=true (they skip locally).

triage_pg_main() {
  local pgbin=/usr/lib/postgresql/15/bin
  if [ ! -x "$pgbin/initdb" ]; then
    echo "postgres.sh: installing PostgreSQL 15 (apt-get)" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
      echo "postgres.sh: WARNING: could not install postgresql; PostgreSQL tests will not have a server" >&2
      return 1
    fi
  fi
  if ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: WARNING: no postgres user (is the postgresql package installed?)" >&2
    return 1
  fi

  local as_pg=()
  if [ "$(id -un)" != "postgres" ]; then
    if command -v runuser >/dev/null 2>&1; then as_pg=(runuser -u postgres --); else as_pg=(sudo -u postgres); fi
  fi

  local port=""
  for candidate in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  if [ -z "$port" ]; then
    echo "postgres.sh: WARNING: no free port in 55432-55532" >&2
    return 1
  fi

  TRIAGE_PG_ROOT=$(mktemp -d /tmp/triage-pg.XXXXXX)
  mkdir -p "$TRIAGE_PG_ROOT/data" "$TRIAGE_PG_ROOT/sock"
  chown -R postgres:postgres "$TRIAGE_PG_ROOT" 2>/dev/null || true
  chmod 700 "$TRIAGE_PG_ROOT/data"
  if ! "${as_pg[@]}" "$pgbin/initdb" -D "$TRIAGE_PG_ROOT/data" -U postgres --auth=trust -E UTF8 --no-sync \
      >"$TRIAGE_PG_ROOT/initdb.log" 2>&1; then
    echo "postgres.sh: WARNING: initdb failed; see $TRIAGE_PG_ROOT/initdb.log" >&2
    return 1
  fi
  if ! "${as_pg[@]}" "$pgbin/pg_ctl" -D "$TRIAGE_PG_ROOT/data" -l "$TRIAGE_PG_ROOT/server.log" -w \
      -o "-p $port -k $TRIAGE_PG_ROOT/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
      start >/dev/null; then
    echo "postgres.sh: WARNING: the server did not start; see $TRIAGE_PG_ROOT/server.log" >&2
    return 1
  fi
  TRIAGE_PG_CTL=("${as_pg[@]}" "$pgbin/pg_ctl")
  export TRIAGE_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "postgres.sh: PostgreSQL 15 on 127.0.0.1:$port (TRIAGE_TEST_POSTGRES_URL exported)" >&2
}

triage_pg_stop() {
  if [ -n "${TRIAGE_PG_ROOT:-}" ] && [ -d "$TRIAGE_PG_ROOT/data" ]; then
    "${TRIAGE_PG_CTL[@]}" -D "$TRIAGE_PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$TRIAGE_PG_ROOT"
  fi
  unset TRIAGE_TEST_POSTGRES_URL
}

if triage_pg_main; then
  trap triage_pg_stop EXIT
fi
# When executed rather than sourced, print the URL so a caller can `eval` it; the cluster keeps running.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ -n "${TRIAGE_TEST_POSTGRES_URL:-}" ]; then
  trap - EXIT
  echo "export TRIAGE_TEST_POSTGRES_URL=$TRIAGE_TEST_POSTGRES_URL"
fi
true
