#!/usr/bin/env bash
# The catalogue search benchmark of PatentNav Market (docs/BENCHMARKS.md).
#
#   bash tests/bench.sh [benchmark options, e.g. --patents 100000 --iterations 200 --check]
#
# Seeds 100 000 patents into a fresh database and prints p50/p95/p99/max latency of
# PostgresPatentCatalogue.Search per query shape. If MARKET_BENCH_PG (or MARKET_TEST_PG)
# is set, that PostgreSQL server is used; otherwise a throwaway cluster is started the
# same way tests/run.sh does (tests/pg.sh) and removed again on exit.
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
  start_pg
fi

PROJECT="$REPO_ROOT/tests/PatentNav.Market.Benchmarks/PatentNav.Market.Benchmarks.csproj"
dotnet build "$PROJECT" -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null >&2
dotnet "$REPO_ROOT/tests/PatentNav.Market.Benchmarks/bin/Release/net10.0/PatentNav.Market.Benchmarks.dll" "$@" </dev/null
