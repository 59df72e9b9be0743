#!/usr/bin/env bash
# The test command of PatentNav Market.
#
#   bash tests/run.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Search]
#
# If MARKET_TEST_PG is set (an Npgsql connection string for a superuser), the tests
# use that server. Otherwise a throwaway PostgreSQL cluster is created in a temp
# dir (initdb --locale=C.UTF-8, so pg_trgm treats CJK characters as word
# characters), started on a free loopback port, and removed again on exit.
#
# The very last line printed is always `tests: N passed, N failed`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Classic console output, so VSTest prints its "Passed!  - Failed: ..." summary lines.
export MSBUILDTERMINALLOGGER=off

OUT_LOG=""

# The throwaway PostgreSQL cluster (start_pg, pg_stop, log, ...), shared with tests/bench.sh.
PG_LOG_TAG="tests/run.sh"
# shellcheck source=tests/pg.sh
source "$REPO_ROOT/tests/pg.sh"
# The web console's vitest tests and browser journeys (console_tests).
# shellcheck source=tests/console.sh
source "$REPO_ROOT/tests/console.sh"

pg_stop_on_exit
# The demo silo of the browser journeys goes too, before PostgreSQL does.
trap 'rc=$?; console_stop_silo; (exit $rc); _pg_cleanup' EXIT

# Sum the per-assembly summary lines of dotnet test's output.
#   VSTest:          "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
#   terminal logger: "Test summary: total: 12, failed: 0, succeeded: 12, skipped: 0, ..."
# Prints "PASSED FAILED FOUND".
summarize() {
  sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r$//' "$1" | awk '
    /(Passed|Failed)! +- +Failed: *[0-9]+, *Passed: *[0-9]+/ {
      line = $0
      f = line; sub(/.*Failed: */, "", f); sub(/[^0-9].*/, "", f)
      p = line; sub(/.*Passed: */, "", p); sub(/[^0-9].*/, "", p)
      vp += p; vf += f; vfound = 1; next
    }
    /Test summary: total: *[0-9]+, *failed: *[0-9]+, *succeeded: *[0-9]+/ {
      line = $0
      f = line; sub(/.*failed: */, "", f); sub(/[^0-9].*/, "", f)
      p = line; sub(/.*succeeded: */, "", p); sub(/[^0-9].*/, "", p)
      tp += p; tf += f; tfound = 1; next
    }
    END {
      if (vfound) print vp + 0, vf + 0, 1
      else if (tfound) print tp + 0, tf + 0, 1
      else print 0, 0, 0
    }'
}

main() {
  if [ -n "${MARKET_TEST_PG:-}" ]; then
    log "using PostgreSQL from MARKET_TEST_PG"
  else
    if ! start_pg; then
      echo "tests: 0 passed, 1 failed"
      exit 1
    fi
  fi

  # Kept after the run for inspection (TestResults/ is git-ignored).
  mkdir -p "$REPO_ROOT/TestResults"
  OUT_LOG="$(mktemp "$REPO_ROOT/TestResults/dotnet-test.XXXXXX.log")"
  local rc=0
  set +e
  dotnet test "$REPO_ROOT/PatentNav.Market.sln" -c Release "$@" </dev/null 2>&1 | tee "$OUT_LOG"
  rc=${PIPESTATUS[0]}
  set -e

  local passed failed found
  read -r passed failed found < <(summarize "$OUT_LOG")
  if [ "$found" -ne 1 ]; then
    log "no test summary found in dotnet test output (build failure or no tests ran); dotnet test exit code $rc"
    echo "tests: 0 passed, 1 failed"
    [ "$rc" -ne 0 ] || rc=1
    exit "$rc"
  fi
  # A non-zero exit with no failing test (e.g. one test project failed to build
  # while another ran) must not read as green.
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    log "dotnet test exited with $rc although no test failed"
    failed=1
  fi
  # The console's tests run in CI and whenever a filter names the console; other filtered runs skip them.
  if wants_console_tests "$@"; then
    console_tests
    log "console: $CONSOLE_PASSED passed, $CONSOLE_FAILED failed (screenshots in TestResults/screenshots/)"
    passed=$((passed + CONSOLE_PASSED)); failed=$((failed + CONSOLE_FAILED))
    [ "$CONSOLE_FAILED" -eq 0 ] || rc=1
  fi
  echo "tests: $passed passed, $failed failed"
  exit "$rc"
}

wants_console_tests() {
  [ "${MARKET_SKIP_CONSOLE:-}" = 1 ] && return 1
  case " $* " in
    *" --filter "*) [[ "${*,,}" == *console* ]] ;;
    *) return 0 ;;
  esac
}

main "$@"
