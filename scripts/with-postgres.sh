#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server:
#
#   bash scripts/with-postgres.sh npm test
#
# starts a server in a new temporary folder, listening on 127.0.0.1 only, on a free port, with the command's
# DATABASE_URL set to it (postgres://postgres@127.0.0.1:<port>/postgres, no password), runs the command, then stops
# the server and removes the folder however the command ends (success, failure, Ctrl-C, SIGTERM), and exits with the
# command's status. `.ci/run` and `npm run test:pg` both use it.
#
# Needs PostgreSQL's server programs (Debian: `apt-get install postgresql`, which puts them in
# /usr/lib/postgresql/<version>/bin; PG_BINDIR=<folder> picks other ones). The server refuses to run as root, so as
# root it runs as the `postgres` user the package creates; as anyone else, as that user.
#
# The data is thrown away at the end, so the server trades durability for speed: no fsync, no synchronous commit.
# A server started this way runs in a session of its own, out of reach of a signal to the command's process group:
# only this script's exit stops it, so don't SIGKILL the script.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND [ARGUMENT...]" >&2
  exit 2
fi

# The newest installed server: PG_BINDIR, else Debian's newest version folder, else whatever initdb is on PATH.
bindir="${PG_BINDIR:-}"
if [[ -z "$bindir" ]]; then
  newest="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" ]]; then
    bindir="$(dirname "$newest")"
  elif command -v initdb >/dev/null; then
    bindir="$(dirname "$(command -v initdb)")"
  fi
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" || ! -x "$bindir/pg_ctl" ]]; then
  echo "with-postgres: no PostgreSQL server found (install it: apt-get install postgresql; or set PG_BINDIR)" >&2
  exit 1
fi

as_server=()
owner="$(id -un)"
if ((EUID == 0)); then
  owner=postgres
  if ! id "$owner" >/dev/null 2>&1; then
    echo "with-postgres: running as root, but there is no '$owner' user to run the server as" >&2
    exit 1
  fi
  as_server=(runuser -u "$owner" --)
fi

# As the server's user, from inside the temporary folder: that user may not be allowed into the current one.
server() {
  (cd "$tmp" && "${as_server[@]}" "$@")
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")"
data="$tmp/data"
log="$tmp/server.log"
started=""

stop_server() {
  if [[ -n "$started" ]]; then
    # fast: roll back open transactions and disconnect the clients rather than wait for them.
    if ! server "$bindir/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null; then
      server "$bindir/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null || true
    fi
    # pg_ctl returns once the server has removed its pid file, a moment before the process ends.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$started" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$started" 2>/dev/null; then
      kill -KILL "$started" || true
    fi
    echo "with-postgres: stopped the server (pid $started)"
  fi
  rm -rf "$tmp"
}

on_exit() {
  local status=$?
  trap - EXIT
  stop_server
  exit "$status"
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

chown "$owner" "$tmp"
begin="${EPOCHREALTIME/./}"

# Neither the machine's locale nor its time zone (TimeZone below) may change what the tests see.
server "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}

free_port() {
  node -e '
    const server = require("node:net").createServer();
    server.listen(0, "127.0.0.1", () => { console.log(server.address().port); server.close(); });
  '
}

# A port found free can be taken before the server binds it: try a few.
for attempt in 1 2 3; do
  port="$(free_port)"
  settings="-p $port -k '$tmp' -c listen_addresses=127.0.0.1 -c TimeZone=UTC"
  settings+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if server "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start -o "$settings" >/dev/null; then
    started="$(head -n 1 "$data/postmaster.pid")"
    break
  fi
  echo "with-postgres: the server did not start on port $port (attempt $attempt):" >&2
  tail -n 20 "$log" >&2 || true
done
if [[ -z "$started" ]]; then
  exit 1
fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: $("$bindir/postgres" --version) as $owner (pid $started) in $tmp," \
  "ready in $(((${EPOCHREALTIME/./} - begin) / 1000)) ms: DATABASE_URL=$DATABASE_URL"

"$@"
