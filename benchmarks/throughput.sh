#!/usr/bin/env bash
# Throughput of the local stack, and what its HTTP front costs. On 127.0.0.1 only:
#   1. starts the local stack as a user does (the built deploy/local, --port 0, its own dynalite),
#      seeds one item, and drives POST /dynamodbmanager with wrk for `ping` and `read`;
#   2. drives the same handler the front calls (Function.FunctionHandler) in-process, with the same
#      API Gateway proxy event, the same concurrency and the same dynalite
#      (LambdaFunctionOverHttps.Benchmarks' "throughput" mode).
# Each run is preceded by an unmeasured warm-up of the same length as WARMUP. Prints req/s, p50/p99
# latency and errors per run, the CPU each side spent per request (the stack's from /proc, the
# in-process driver's from its own process), and the front's overhead: HTTP CPU per request over
# in-process CPU per request. wrk's own CPU is not counted on either side; dynalite's is shown apart. Exits 1 if any request
# failed (a socket error, a non-2xx in the stack's access log, or an in-process answer that is not
# statusCode 200). Not part of `dotnet test`.
#   usage: benchmarks/throughput.sh [seconds]    (default 10 per run; needs wrk: apt-get install wrk)
#   CONNECTIONS (16), THREADS (2), WARMUP (10 s: the JIT's tiering settles), CONFIGURATION (Release)
set -euo pipefail

seconds="${1:-10}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
warmup="${WARMUP:-10}"
configuration="${CONFIGURATION:-Release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for value in "$seconds" "$connections" "$threads" "$warmup"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "throughput.sh: '$value' is not a positive whole number." >&2; exit 2; }
done
for tool in wrk dotnet curl awk getconf; do
  command -v "$tool" >/dev/null 2>&1 || { echo "throughput.sh: '$tool' is required (apt-get install wrk curl)." >&2; exit 2; }
done
[ -r /proc/self/stat ] || { echo "throughput.sh: CPU time is read from /proc; this needs Linux." >&2; exit 2; }

echo "Building the local stack and the benchmarks ($configuration)..."
dotnet build deploy/local -c "$configuration" -nologo -v quiet >/dev/null
dotnet build LambdaFunctionOverHttps.Benchmarks -c "$configuration" -nologo -v quiet >/dev/null
stack_dll="deploy/local/bin/$configuration/net10.0/DynamoDbManager.Local.dll"
driver_dll="LambdaFunctionOverHttps.Benchmarks/bin/$configuration/net10.0/LambdaFunctionOverHttps.Benchmarks.dll"

work="$(mktemp -d)"
name="throughput.sh"
# shellcheck source=benchmarks/local-stack.sh
source "$root/benchmarks/local-stack.sh"
trap 'stop_local_stack; rm -rf "$work"' EXIT

start_local_stack "$stack_dll"
# The in-process driver gets the same clean environment as the stack.
clean_env=(env -u DYNAMODBMANAGER_API_KEY -u TABLE_NAME -u ALLOWED_TABLES -u AWS_ENDPOINT_URL_DYNAMODB -u AWS_ENDPOINT_URL
  NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 AWS_EC2_METADATA_DISABLED=true)
dynamodb="$(awk '$1 == "DynamoDB" { print $2; exit }' "$work/stack.log")"
[[ "$dynamodb" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || { echo "throughput.sh: no loopback DynamoDB endpoint in the banner." >&2; exit 1; }
dynalite="$(pgrep -P "$stack" | head -n 1)"
[ -n "$dynalite" ] || { echo "throughput.sh: the stack's dynalite process was not found." >&2; exit 1; }

ping_body='{"operation": "ping"}'
read_body='{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "throughput-1"}}}'
seed_item throughput-1 "$read_body"

ticks="$(getconf CLK_TCK)"
cpu_us() { awk -v hz="$ticks" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) / hz * 1e6 }' "/proc/$1/stat"; }

# One wrk run against the stack; writes "key value" lines to $2.
http_run() {
  local body="$1" out="$2" lua="$work/wrk.lua" before_log before_cpu before_dynamodb_cpu
  write_wrk_script "$lua" "$body"
  wrk -t "$threads" -c "$connections" -d "${warmup}s" --timeout 5s -s "$lua" "$url" >/dev/null
  before_log="$(wc -l <"$work/stack.log")"
  before_cpu="$(cpu_us "$stack")"
  before_dynamodb_cpu="$(cpu_us "$dynalite")"
  wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 5s -s "$lua" "$url" | grep -E '^[a-z0-9_]+ [0-9]+$' >"$out"
  {
    echo "cpu_us $(($(cpu_us "$stack") - before_cpu))"
    echo "dynamodb_cpu_us $(($(cpu_us "$dynalite") - before_dynamodb_cpu))"
    # Every request's status, from the stack's own access log, for the measured run only.
    echo "status_errors $(tail -n +"$((before_log + 1))" "$work/stack.log" | grep -cE '^POST /dynamodbmanager [^2][0-9]{2} ' || true)"
  } >>"$out"
}

# The same event through the handler in-process; its function log goes to a file, as the stack's does,
# and it collects garbage as the stack does (ASP.NET Core's default, server GC).
in_process_run() {
  "${clean_env[@]}" DOTNET_gcServer=1 AWS_ENDPOINT_URL_DYNAMODB="$dynamodb" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
    dotnet "$driver_dll" throughput --template events/api-gateway-proxy.json --body "$1" --out "$2" \
    --seconds "$seconds" --warmup "$warmup" --concurrency "$connections" --dynamodb-pid "$dynalite" >"$work/driver.log" 2>&1 \
    || true  # it exits 1 when a request failed; the errors column reports that
  [ -s "$2" ] || { tail -n 20 "$work/driver.log" >&2; echo "throughput.sh: the in-process run produced no results." >&2; exit 1; }
}

echo "Measuring: $seconds s per run after a $warmup s warm-up, $connections concurrent callers; wrk uses $threads threads."
http_run "$ping_body" "$work/http-ping"
http_run "$read_body" "$work/http-read"
in_process_run "$ping_body" "$work/inproc-ping"
in_process_run "$read_body" "$work/inproc-read"
stop_local_stack

value() { awk -v key="$2" '$1 == key { v = $2 } END { print v + 0 }' "$1"; }
status=0
row() { # path operation file
  local file="$3" requests errors
  requests="$(value "$file" requests)"
  errors=$(( $(value "$file" socket_errors) + $(value "$file" status_errors) + $(value "$file" errors) ))
  [ "$errors" -eq 0 ] || status=1
  awk -v path="$1" -v op="$2" -v r="$requests" -v d="$(value "$file" duration_us)" -v p50="$(value "$file" p50_us)" \
    -v p99="$(value "$file" p99_us)" -v cpu="$(value "$file" cpu_us)" -v ddb="$(value "$file" dynamodb_cpu_us)" -v e="$errors" \
    'BEGIN { printf "%-20s %-5s %9.0f %8.2f %8.2f %12.1f %15.1f %7d\n", path, op, r / (d / 1e6), p50 / 1000, p99 / 1000, cpu / r, ddb / r, e }'
}
cpu_per_request() { awk -v c="$(value "$1" cpu_us)" -v r="$(value "$1" requests)" 'BEGIN { print c / r }'; }

echo
printf "%-20s %-5s %9s %8s %8s %12s %15s %7s\n" "path" "op" "req/s" "p50 ms" "p99 ms" "CPU us/req" "dynalite us/req" "errors"
row "HTTP (local stack)" ping "$work/http-ping"
row "in-process handler" ping "$work/inproc-ping"
row "HTTP (local stack)" read "$work/http-read"
row "in-process handler" read "$work/inproc-read"
echo
for op in ping read; do
  awk -v op="$op" -v h="$(cpu_per_request "$work/http-$op")" -v i="$(cpu_per_request "$work/inproc-$op")" \
    'BEGIN { printf "front overhead, %s: %.0f us of CPU per request over the handler alone (%.2fx its CPU per request)\n", op, h - i, h / i }'
done
[ "$status" -eq 0 ] || echo "FAIL: some requests failed (see the errors column)." >&2
exit "$status"
