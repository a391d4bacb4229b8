#!/usr/bin/env bash
# Cold invoke, measured as whole processes: `invoke events/read.json` by the Native AOT bootstrap
# versus the JIT build (`dotnet LambdaFunctionOverHttps.dll invoke …`), against one dynalite on
# 127.0.0.1 holding the item events/create.json writes. Prints wall-time medians (hyperfine) and
# peak RSS medians (GNU time), with the JIT/AOT ratios.
#   usage: benchmarks/cold-start.sh [runs]        (default 30; needs hyperfine and GNU time)
set -euo pipefail

runs="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in hyperfine /usr/bin/time node python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cold-start.sh: '$tool' is required (apt-get install hyperfine time nodejs)." >&2; exit 2; }
done
[ -x artifacts/publish/aot/bootstrap ] && [ -f artifacts/publish/managed/LambdaFunctionOverHttps.dll ] || bash deploy/package.sh
[ -f deploy/local/node_modules/dynalite/cli.js ] || (cd deploy/local && npm ci --no-audit --no-fund --loglevel=error)

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
node deploy/local/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 0 >/dev/null 2>&1 &
dynalite=$!
work="$(mktemp -d)"
trap 'kill "$dynalite" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done

export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
  AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
curl -sf -o /dev/null -X POST "$AWS_ENDPOINT_URL_DYNAMODB/" \
  -H 'X-Amz-Target: DynamoDB_20120810.CreateTable' -H 'Content-Type: application/x-amz-json-1.0' \
  -H 'X-Amz-Date: 20260101T000000Z' \
  -H 'Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00' \
  -d '{"TableName":"lambda-apigateway","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}'
sleep 0.2
artifacts/publish/aot/bootstrap invoke events/create.json >/dev/null 2>&1

aot="artifacts/publish/aot/bootstrap invoke events/read.json"
jit="dotnet artifacts/publish/managed/LambdaFunctionOverHttps.dll invoke events/read.json"
$aot 2>/dev/null | grep -q '"Item"' || { echo "cold-start.sh: the AOT read did not find the item" >&2; exit 1; }
$jit 2>/dev/null | grep -q '"Item"' || { echo "cold-start.sh: the JIT read did not find the item" >&2; exit 1; }

hyperfine --style basic --warmup 3 --runs "$runs" --export-json "$work/times.json" -n aot "$aot" -n jit "$jit" >/dev/null 2>&1

peak_rss_kb() { # median of N runs of GNU time's maximum resident set size
  for _ in $(seq "$runs"); do /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
aot_rss="$(peak_rss_kb $aot)"
jit_rss="$(peak_rss_kb $jit)"

python3 - "$work/times.json" "$aot_rss" "$jit_rss" "$runs" <<'PY'
import json, statistics, sys
times = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
aot_ms = statistics.median(times["aot"]["times"]) * 1000
jit_ms = statistics.median(times["jit"]["times"]) * 1000
aot_rss, jit_rss, runs = int(sys.argv[2]) / 1024, int(sys.argv[3]) / 1024, sys.argv[4]
print(f"cold invoke of events/read.json against dynalite, {runs} runs each (medians)")
print(f"{'build':<6} {'wall ms':>9} {'peak RSS MB':>12}")
print(f"{'AOT':<6} {aot_ms:>9.1f} {aot_rss:>12.1f}")
print(f"{'JIT':<6} {jit_ms:>9.1f} {jit_rss:>12.1f}")
print(f"JIT/AOT: wall {jit_ms / aot_ms:.1f}x, peak RSS {jit_rss / aot_rss:.1f}x")
PY
