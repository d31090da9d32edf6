#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (see pg.sh) whose URL is
# in OPTIONSPACE_TEST_PG, and stops the server afterwards whatever happens.
# OPTIONSPACE_TEST_PG_SCRIPT names pg.sh, for the tests that restart a
# server of their own (pgtest.OwnServer).
set -eu
here=$(dirname "$0")
url=$(bash "$here/pg.sh" start)
dir=${url#*host=}
trap 'bash "$here/pg.sh" stop "$dir"' EXIT
export OPTIONSPACE_TEST_PG="$url"
export OPTIONSPACE_TEST_PG_SCRIPT="$(cd "$here" && pwd)/pg.sh"
echo "pg: throwaway PostgreSQL at $url" >&2
"$@"
