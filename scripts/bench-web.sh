#!/usr/bin/env bash
# Page latency under load (issue 4): serves the 100,000-incident synthetic ledger built by
# `./harmledger bench --keep`, then drives the incident list and the campaign page with wrk
# (Debian package `wrk`) from another process. Usage:
#   scripts/bench-web.sh [LEDGER_DIR] [SECONDS]
# LEDGER_DIR holds bench.db (built there if missing); SECONDS per run (default 30).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
dir="${1:-/tmp/harmledger-bench}"
secs="${2:-30}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
mkdir -p "$dir"
if [[ ! -f "$dir/bench.db" ]]; then
  "$root/harmledger" bench --dir "$dir" --keep --runs 1 >/dev/null
fi
port=18123
"$root/harmledger" --db "$dir/bench.db" serve --port "$port" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/api" && break; sleep 1; done
base="http://127.0.0.1:$port"
# The first request of each kind reads the ledger (cold); time it once, then warm up.
cold_list=$(curl -s -o /dev/null -w '%{time_total}' "$base/incidents?campaign=bench")
cold_campaign=$(curl -s -o /dev/null -w '%{time_total}' "$base/campaigns/bench")
echo "cold (first request after start): incident list ${cold_list}s, campaign page ${cold_campaign}s"
# The list: a different filter, sort and page on every request (no two in a row alike).
cat >"$dir/list.lua" <<'LUA'
local grades = {"", "confirmed", "fair", "weak", "contested"}
local sorts = {"date", "killed", "grade", "title"}
local n = 0
request = function()
  n = n + 1
  local path = string.format("/incidents?campaign=bench&grade=%s&min_killed=%d&sort=%s&dir=%s&page=%d",
    grades[n % #grades + 1], n % 7, sorts[n % #sorts + 1], (n % 2 == 0) and "asc" or "desc", n % 40 + 1)
  return wrk.format("GET", path)
end
LUA
for run in 1 2 3; do
  echo "== run $run: incident list (filtered, sorted, paged)"
  wrk -t2 -c8 -d"${secs}s" --latency -s "$dir/list.lua" "$base" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
  echo "== run $run: campaign page"
  wrk -t2 -c8 -d"${secs}s" --latency "$base/campaigns/bench" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
done
