# The web console's tests, sourced by tests/run.sh: vitest unit tests and the Playwright browser journeys
# (Debian's Chromium, playwright-core) against a silo seeded with --demo on the test PostgreSQL.
#   console_setup        installs Chromium and a CJK font (apt, as root) if missing, npm ci, builds console/dist
#   console_tests        runs both; sets CONSOLE_PASSED / CONSOLE_FAILED
# Screenshots: TestResults/screenshots/ (kept, git-ignored).

CONSOLE_PASSED=0
CONSOLE_FAILED=0
CONSOLE_SILO_PID=""

console_log() { echo "[tests/console.sh] $*" >&2; }

console_setup() {
  if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
      console_log "installing Debian's chromium"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null 2>&1 || true
      apt-get install -y -qq chromium >/dev/null 2>&1 || console_log "apt-get install chromium failed"
    else
      console_log "/usr/bin/chromium is missing and this is not root: the browser journeys will fail"
    fi
  fi
  # Chinese text in screenshots needs a CJK font (Debian's Chromium brings none).
  if ! fc-list :lang=zh 2>/dev/null | grep -q . && [ "$(id -u)" -eq 0 ]; then
    console_log "installing a CJK font (fonts-wqy-microhei)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || console_log "apt-get install fonts-wqy-microhei failed"
  fi
  (cd "$REPO_ROOT/console" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >&2
}

console_stop_silo() {
  if [ -n "$CONSOLE_SILO_PID" ] && kill -0 "$CONSOLE_SILO_PID" 2>/dev/null; then
    kill "$CONSOLE_SILO_PID" 2>/dev/null || true
    wait "$CONSOLE_SILO_PID" 2>/dev/null || true
  fi
  CONSOLE_SILO_PID=""
}

console_vitest() {
  local json="$REPO_ROOT/TestResults/vitest.json"
  rm -f "$json"
  (cd "$REPO_ROOT/console" && npx vitest run --reporter=default --reporter=json --outputFile.json="$json") >&2 || true
  if [ -f "$json" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTests ? 0 : 1))' "$json")
  else
    p=0; f=1
  fi
  console_log "vitest: $p passed, $f failed"
  CONSOLE_PASSED=$((CONSOLE_PASSED + p)); CONSOLE_FAILED=$((CONSOLE_FAILED + f))
}

# The demo silo on its own database of the test server: the journeys see what a newcomer sees.
console_journeys() {
  local out="$REPO_ROOT/TestResults" port silo_port gw_port pg_port db="console_demo_$$"
  port=$(pick_port); silo_port=$(pick_port); gw_port=$(pick_port)
  pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$MARKET_TEST_PG")
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $db" >&2 || { CONSOLE_FAILED=$((CONSOLE_FAILED + 1)); return; }
  local keys="$out/demo-keys.txt" log="$out/demo-silo.log"
  rm -f "$keys"
  ConnectionStrings__Market="$(sed "s/Database=[^;]*/Database=$db/" <<<"$MARKET_TEST_PG")" \
  Market__AdminToken="adm_console_$(date +%s%N)" Market__Demo__KeysFile="$keys" Market__Console__Path="$REPO_ROOT/console/dist" \
  Market__Orleans__SiloPort="$silo_port" Market__Orleans__GatewayPort="$gw_port" Market__Orleans__ClusterId="console-$$" \
  ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$REPO_ROOT/silo/bin/Release/net10.0/PatentNav.Market.Silo.dll" --demo >"$log" 2>&1 &
  CONSOLE_SILO_PID=$!
  local waited=0
  while [ ! -s "$keys" ] && [ $waited -lt 240 ] && kill -0 "$CONSOLE_SILO_PID" 2>/dev/null; do sleep 2; waited=$((waited + 2)); done
  if [ ! -s "$keys" ]; then
    console_log "the demo silo did not seed within ${waited}s; see $log"; tail -20 "$log" >&2
    console_stop_silo; CONSOLE_FAILED=$((CONSOLE_FAILED + 1)); return
  fi
  rm -rf "$out/screenshots"
  local jlog="$out/journeys.log"
  (cd "$REPO_ROOT/console" && CONSOLE_URL="http://127.0.0.1:$port" KEYS_FILE="$keys" SCREENSHOTS="$out/screenshots" \
     timeout 600 node e2e/journeys.mjs) 2>&1 | tee "$jlog" >&2 || true
  console_stop_silo
  local line p f
  line=$(grep -E '^journeys: [0-9]+ passed, [0-9]+ failed' "$jlog" | tail -1)
  if [ -n "$line" ]; then
    p=$(sed 's/journeys: \([0-9]*\) passed.*/\1/' <<<"$line"); f=$(sed 's/.* passed, \([0-9]*\) failed/\1/' <<<"$line")
  else
    p=0; f=1
  fi
  CONSOLE_PASSED=$((CONSOLE_PASSED + p)); CONSOLE_FAILED=$((CONSOLE_FAILED + f))
}

console_tests() {
  if ! command -v npm >/dev/null 2>&1; then console_log "npm not found"; CONSOLE_FAILED=1; return; fi
  if ! console_setup; then console_log "console setup (npm ci / build) failed"; CONSOLE_FAILED=1; return; fi
  console_vitest
  console_journeys
}
