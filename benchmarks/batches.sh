#!/usr/bin/env bash
# batchWrite and batchRead of 1,000 items through the local stack, against the same work done with
# the SDK's low-level client as 1,000 single PutItem and GetItem calls in a loop, straight to the
# stack's DynamoDB (dynalite). On 127.0.0.1 only: starts the built local stack (--port 0, its own
# dynalite), runs LambdaFunctionOverHttps.Benchmarks' "batches" mode for ROUNDS interleaved rounds
# after one unmeasured round, and prints each round's wall times, the medians and their ratios, and
# the DynamoDB calls each batch made (from the function's log line in the stack's output).
# Not part of `dotnet test`.
#   usage: benchmarks/batches.sh [rounds]    (default 5)   CONFIGURATION (Release)
set -euo pipefail

rounds="${1:-5}"
configuration="${CONFIGURATION:-Release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "batches.sh: '$rounds' is not a positive whole number." >&2; exit 2; }

echo "Building the local stack and the benchmarks ($configuration)..."
dotnet build deploy/local -c "$configuration" -nologo -v quiet >/dev/null
dotnet build LambdaFunctionOverHttps.Benchmarks -c "$configuration" -nologo -v quiet >/dev/null

work="$(mktemp -d)"
name="batches.sh"
# shellcheck source=benchmarks/local-stack.sh
source "$root/benchmarks/local-stack.sh"
trap 'stop_local_stack; rm -rf "$work"' EXIT

start_local_stack "deploy/local/bin/$configuration/net10.0/DynamoDbManager.Local.dll"
dynamodb="$(awk '$1 == "DynamoDB" { print $2; exit }' "$work/stack.log")"
[[ "$dynamodb" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || { echo "batches.sh: no loopback DynamoDB endpoint in the banner." >&2; exit 1; }

env NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 AWS_EC2_METADATA_DISABLED=true \
  dotnet "LambdaFunctionOverHttps.Benchmarks/bin/$configuration/net10.0/LambdaFunctionOverHttps.Benchmarks.dll" \
  batches --url "$url" --dynamodb "$dynamodb" --rounds "$rounds" | tee "$work/rounds"
stop_local_stack

median() { awk -v key="$1" '{ for (i = 1; i < NF; i++) if ($i == key) print $(i + 1) }' "$work/rounds" | sort -n \
  | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
calls() { grep -o "\"operation\":\"$1\".*" "$work/stack.log" | grep -o '"calls":[0-9]*' | tail -n 1 | cut -d: -f2; }
echo
printf "%-28s %10s %8s %16s\n" "1,000 items" "ms (median)" "ratio" "DynamoDB calls"
awk -v b="$(median batchWrite_ms)" -v l="$(median putItem_loop_ms)" -v c="$(calls batchWrite)" -v n=1000 'BEGIN {
  printf "%-28s %10.1f %8.2f %16s\n", "batchWrite, local stack", b, b / l, c
  printf "%-28s %10.1f %8.2f %16s\n", "PutItem loop, SDK", l, 1, n }'
awk -v b="$(median batchRead_ms)" -v l="$(median getItem_loop_ms)" -v c="$(calls batchRead)" -v n=1000 'BEGIN {
  printf "%-28s %10.1f %8.2f %16s\n", "batchRead, local stack", b, b / l, c
  printf "%-28s %10.1f %8.2f %16s\n", "GetItem loop, SDK", l, 1, n }'
