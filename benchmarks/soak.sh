#!/usr/bin/env bash
# Soak: the local stack under steady load for a bounded time, on 127.0.0.1 only. Starts the stack
# as a user does (the built deploy/local, --port 0), seeds one item, runs wrk with a `read` of it
# against POST /dynamodbmanager, samples the stack's RSS (VmRSS) every 5 s, then stops the stack
# with SIGTERM. Prints requests, errors, req/s, p50/p99 latency and first- vs last-minute RSS.
# Exits 1 if any request failed (a socket error, or a non-2xx in the stack's access log) or if
# last-minute RSS / first-minute RSS > 1.10. Not part of `dotnet test`.
#   usage: benchmarks/soak.sh [seconds]     (default 70, at least 60; or SOAK_SECONDS)
#   SOAK_CONNECTIONS (16), SOAK_THREADS (2), CONFIGURATION (Release)
# RSS windows: "first minute" is the mean of the samples taken in [0, 60) s, "last minute" the mean
# of those in [seconds-60, seconds]. At the default 70 s they overlap; use 600 for disjoint ones.
set -euo pipefail

seconds="${1:-${SOAK_SECONDS:-70}}"
connections="${SOAK_CONNECTIONS:-16}"
threads="${SOAK_THREADS:-2}"
configuration="${CONFIGURATION:-Release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 60 ]; then
  echo "soak.sh: the duration must be a whole number of seconds, at least 60." >&2
  exit 2
fi
for tool in wrk dotnet curl awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "soak.sh: '$tool' is required (apt-get install wrk curl)." >&2; exit 2; }
done
[ -r /proc/self/status ] || { echo "soak.sh: RSS is read from /proc; this needs Linux." >&2; exit 2; }

dll="deploy/local/bin/$configuration/net10.0/DynamoDbManager.Local.dll"
echo "Building the local stack ($configuration)..."
dotnet build deploy/local -c "$configuration" -nologo -v quiet >/dev/null

work="$(mktemp -d)"
name="soak.sh"
# shellcheck source=benchmarks/local-stack.sh
source "$root/benchmarks/local-stack.sh"
sampler=""
stop_stack() {
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
  stop_local_stack
}
trap 'stop_stack; rm -rf "$work"' EXIT

start_local_stack "$dll"
read_body='{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "soak-1"}}}'
seed_item soak-1 "$read_body"
write_wrk_script "$work/read.lua" "$read_body"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
(
  start=$SECONDS
  while true; do
    sleep 5
    node_kb=0
    for child in $(pgrep -P "$stack" || true); do node_kb=$((node_kb + $(rss_kb "$child"))); done
    echo "$((SECONDS - start)) $(rss_kb "$stack") $node_kb" >>"$work/rss"
  done
) &
sampler=$!

echo "Soaking $url for $seconds s: wrk, $threads threads, $connections connections, a read of one item."
wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 5s -s "$work/read.lua" "$url" >"$work/wrk.out"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""
stop_stack

value() { awk -v key="$1" '$1 == key { print $2 }' "$work/wrk.out"; }
requests="$(value requests)"
socket_errors="$(value socket_errors)"
status_errors="$(value wrk_status_errors)"
# Every request's status, from the stack's own access log: the seed and its check were 200s too.
non_2xx="$(grep -cE '^POST /dynamodbmanager [^2][0-9]{2} ' "$work/stack.log" || true)"
errors=$((socket_errors + non_2xx))
rate="$(awk -v r="$requests" -v d="$(value duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }')"
p50="$(awk -v v="$(value p50_us)" 'BEGIN { printf "%.2f", v / 1000 }')"
p99="$(awk -v v="$(value p99_us)" 'BEGIN { printf "%.2f", v / 1000 }')"
read -r first last ratio node_first node_last < <(awk -v total="$seconds" '
  $1 < 60 { f += $2; fn += $3; nf++ }
  $1 >= total - 60 { l += $2; ln += $3; nl++ }
  END { printf "%.1f %.1f %.3f %.1f %.1f\n", f / nf / 1024, l / nl / 1024, (l / nl) / (f / nf), fn / nf / 1024, ln / nl / 1024 }' "$work/rss")

echo "duration        ${seconds} s ($(wc -l <"$work/rss") RSS samples, every 5 s)"
echo "requests        $requests"
echo "errors          $errors (socket errors $socket_errors, non-2xx in the access log $non_2xx, wrk status errors $status_errors)"
echo "throughput      $rate req/s"
echo "latency         p50 $p50 ms, p99 $p99 ms"
echo "stack RSS       first minute $first MB, last minute $last MB, ratio $ratio (limit 1.10)"
echo "dynalite RSS    first minute $node_first MB, last minute $node_last MB (reported, not checked)"

status=0
[ "$errors" -eq 0 ] || { echo "FAIL: $errors requests failed." >&2; status=1; }
awk -v r="$ratio" 'BEGIN { exit !(r > 1.10) }' && { echo "FAIL: the stack's RSS grew by more than 10%." >&2; status=1; }
[ "$status" -eq 0 ] && echo "PASS"
exit "$status"
