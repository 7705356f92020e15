#!/usr/bin/env bash
# Measures the two quick-start commands on a fresh clone of this repository:
#   1. `npm ci`, then `npm run demo` until http://localhost:$PORT/codes answers 200 (no .data, no .next);
#   2. `npm run demo` again (database and build reused);
#   3. `npm test` with DATABASE_URL unset (embedded database) and, if given, with DATABASE_URL set.
#      (each `npm test` now takes minutes: --demo-only measures 1 and 2 only; CI's log times the tests)
# Usage: npm run bench:startup [-- --with-postgres postgresql://postgres@127.0.0.1:5432/postgres]
#        npm run bench:startup -- --demo-only
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-3210}"
pg_url=""
demo_only=""
if [ "${1:-}" = "--with-postgres" ]; then pg_url="${2:?postgres url}"; fi
if [ "${1:-}" = "--demo-only" ]; then demo_only=1; fi

work="$(mktemp -d)"
trap 'pkill -f "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/codewatch"
cd "$work/codewatch"
export NEXT_TELEMETRY_DISABLED=1
unset DATABASE_URL

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

serve_time() {
  local start
  start=$(now)
  # Own process group, so the whole tree (npm, cw, next) can be stopped at once.
  PORT="$port" setsid npm run demo >"$work/demo.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://localhost:$port/codes"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/demo.log"; exit 1; fi
    sleep 0.5
  done
  elapsed "$start" "$(now)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 2
}

t0=$(now); npm ci --no-audit --no-fund >/dev/null 2>&1; t1=$(now)
echo "npm ci:                               $(elapsed "$t0" "$t1") s"
echo "npm run demo, first start (to 200):   $(serve_time) s"
echo "npm run demo, second start (to 200):  $(serve_time) s"
[ -n "$demo_only" ] && exit 0

t0=$(now); npm test >"$work/test-embedded.log" 2>&1; t1=$(now)
echo "npm test, embedded database:          $(elapsed "$t0" "$t1") s"
if [ -n "$pg_url" ]; then
  t0=$(now); DATABASE_URL="$pg_url" npm test >"$work/test-pg.log" 2>&1; t1=$(now)
  echo "npm test, DATABASE_URL=PostgreSQL:    $(elapsed "$t0" "$t1") s"
fi
