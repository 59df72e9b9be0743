#!/usr/bin/env bash
# The benchmarks of PatentNav Market (docs/BENCHMARKS.md).
#
#   bash tests/bench.sh [--quick]          # all: the write path (issue 11), then the catalogue at 1 000 000 patents
#   bash tests/bench.sh write [--quick] [--rounds N --seconds N --clients N --licensees N --big-pool N]
#   bash tests/bench.sh write --p4-only [--p4-patents 10000 --p4-owners 1000]   # the §6 distribution alone
#   bash tests/bench.sh catalogue [options, e.g. --patents 100000 --iterations 200 --check]
#   bash tests/bench.sh --patents 100000 … # (other options without a mode: the catalogue, as before)
#
# write: the silo (Release, its own process, durable) over REST against pgbench (TPC-B, -S, a one-row
# UPDATE) on the same PostgreSQL, interleaved rounds; prints `ratio <name> <min> <median> <max>` lines
# and SQL statements per request (pg_stat_statements, loaded here), then P4: one yearly distribution of 10 000
# patents × 1 000 holders over REST, `p4_distribution_s <seconds> <silo peak resident growth MB>`. catalogue: p50/p95/p99/max of
# PostgresPatentCatalogue.Search per query shape, then `p5_worst_shape_p95_ms`. --quick: under 5 minutes
# on a quiet machine (3 rounds of 3 s, 600 licensees, the catalogue at 50 000 patents). If MARKET_BENCH_PG (or MARKET_TEST_PG) is set,
# that PostgreSQL server is used; otherwise a throwaway cluster is started the same way tests/run.sh
# does (tests/pg.sh), with pg_stat_statements, and removed again on exit. Not part of .ci/run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PG_LOG_TAG="tests/bench.sh"
# shellcheck source=tests/pg.sh
source "$REPO_ROOT/tests/pg.sh"

pg_stop_on_exit

if [ -n "${MARKET_BENCH_PG:-}" ]; then
  log "using PostgreSQL from MARKET_BENCH_PG"
elif [ -n "${MARKET_TEST_PG:-}" ]; then
  log "using PostgreSQL from MARKET_TEST_PG"
else
  start_pg "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on -c pg_stat_statements.max=2000"
fi

PROJECT="$REPO_ROOT/tests/PatentNav.Market.Benchmarks/PatentNav.Market.Benchmarks.csproj"
# MARKET_BENCH_NO_BUILD=1: run what is built (e.g. while tests run in the same clone).
[ "${MARKET_BENCH_NO_BUILD:-}" = 1 ] || dotnet build "$PROJECT" -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null >&2
BENCH="$REPO_ROOT/tests/PatentNav.Market.Benchmarks/bin/Release/net10.0/PatentNav.Market.Benchmarks.dll"
export MARKET_BENCH_SILO="$REPO_ROOT/silo/bin/Release/net10.0/PatentNav.Market.Silo.dll"

mode=all
case "${1:-}" in
  write|catalogue|all) mode="$1"; shift ;;
  ""|--quick) ;;
  *) mode=catalogue ;;
esac
quick=0
for a in "$@"; do [ "$a" = "--quick" ] && quick=1; done

run_write() { dotnet "$BENCH" write "$@" </dev/null; }
run_catalogue() {
  local args=()
  for a in "$@"; do [ "$a" = "--quick" ] || args+=("$a"); done
  dotnet "$BENCH" "${args[@]}" </dev/null
}

case "$mode" in
  write) run_write "$@" ;;
  catalogue) run_catalogue "$@" ;;
  all)
    run_write "$@"
    if [ "$quick" -eq 1 ]; then
      run_catalogue --patents 50000 --iterations 40 --warmup 10 --verify 30
    else
      run_catalogue --patents 1000000
    fi
    ;;
esac
