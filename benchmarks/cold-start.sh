#!/usr/bin/env bash
# Cold invoke, measured as whole processes: `invoke events/read.json` by the Native AOT bootstrap
# versus the JIT build (`dotnet LambdaFunctionOverHttps.dll invoke …`), against one dynalite on
# 127.0.0.1 holding the item events/create.json writes. The builds run interleaved (one run of each
# in turn), so a machine that slows down mid-run slows all of them alike. Prints the medians of wall
# time (process start to exit, the answer printed) and peak RSS (the kernel's ru_maxrss), and ratios.
# Then runs benchmarks/init-time.py against the same dynalite: the custom runtime's start-up to its
# first GET /next, and to its answer to a first `read`.
#   usage: benchmarks/cold-start.sh [runs]        (default 30)
#   BASELINE=/path/to/another/bootstrap benchmarks/cold-start.sh   also runs that AOT build, e.g. one
#   published from an earlier commit, and prints its ratio to ours: how to measure an optimisation.
set -euo pipefail

runs="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in node python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cold-start.sh: '$tool' is required (apt-get install nodejs python3 curl)." >&2; exit 2; }
done
if ! [ -x artifacts/publish/aot/bootstrap ] || ! [ -f artifacts/publish/managed/LambdaFunctionOverHttps.dll ]; then
  bash deploy/package.sh
fi
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

baseline="${BASELINE:-}"
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "cold-start.sh: BASELINE=$baseline is not an executable." >&2; exit 2; }
  "$baseline" invoke events/read.json 2>/dev/null | grep -q '"Item"' || { echo "cold-start.sh: the baseline read did not find the item" >&2; exit 1; }
fi

python3 - "$runs" "$aot" "$jit" "$baseline" <<'PY'
import os, shlex, statistics, subprocess, sys, time

runs = int(sys.argv[1])
builds = {"AOT": shlex.split(sys.argv[2]), "JIT": shlex.split(sys.argv[3])}
if sys.argv[4]:
    builds["baseline AOT"] = [sys.argv[4], "invoke", "events/read.json"]

def once(command):
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here by wait4, which gives its rusage
    if child.returncode != 0:
        sys.exit(f"cold-start.sh: {' '.join(command)} exited {child.returncode}")
    return elapsed * 1000, usage.ru_maxrss / 1024

for command in builds.values():  # warm the page cache and dynalite, not measured
    for _ in range(3):
        once(command)
samples = {name: [] for name in builds}
for _ in range(runs):
    for name, command in builds.items():
        samples[name].append(once(command))

median = {name: (statistics.median(s[0] for s in runs_), statistics.median(s[1] for s in runs_)) for name, runs_ in samples.items()}
print(f"cold invoke of events/read.json against dynalite, {runs} interleaved runs each (medians)")
print(f"{'build':<13} {'wall ms':>9} {'peak RSS MB':>12}")
for name, (ms, mb) in median.items():
    print(f"{name:<13} {ms:>9.1f} {mb:>12.1f}")
aot, jit = median["AOT"], median["JIT"]
print(f"JIT/AOT: wall {jit[0] / aot[0]:.1f}x, peak RSS {jit[1] / aot[1]:.1f}x")
if "baseline AOT" in median:
    base = median["baseline AOT"]
    print(f"baseline/AOT: wall {base[0] / aot[0]:.3f}x ({base[0] - aot[0]:+.1f} ms), peak RSS {base[1] / aot[1]:.2f}x")
PY

echo
python3 benchmarks/init-time.py "$runs"
