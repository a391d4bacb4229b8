#!/usr/bin/env bash
# Cold start, measured as whole processes, for the Native AOT bootstrap versus the JIT build
# (`dotnet LambdaFunctionOverHttps.dll`) and two floors doing the same read: the bare-SDK program
# (benchmarks/BareSdkRead, published here as Native AOT into artifacts/bare-sdk) and the boto3 script
# (benchmarks/boto3_read.py). Starts one dynalite on 127.0.0.1, writes the item of
# events/create.json, checks each reads it back, then runs benchmarks/cold_start.py, which measures
# `invoke events/read.json` and the floors (wall time and peak RSS) and the custom runtime's start-up
# to its first GET /next and to its answer to a first `read`, all interleaved, and prints medians and
# ratios, our time over each floor's among them.
# Needs node, python3 with boto3 (Debian: apt-get install python3-boto3), curl, GNU time, clang.
#   usage: benchmarks/cold-start.sh [runs]        (default 30)
#   TLS=1 benchmarks/cold-start.sh   the same against dynalite over HTTPS, as DynamoDB is reached in
#   AWS: a CA and a certificate for 127.0.0.1 made for the run (openssl), trusted by .NET through
#   SSL_CERT_FILE (beside the system's store, which .NET still loads) and by boto3 through AWS_CA_BUNDLE.
#   BASELINE=/path/to/another/bootstrap benchmarks/cold-start.sh   also runs that AOT build, e.g. one
#   published from an earlier commit, and prints its ratio to ours: how to measure an optimisation.
set -euo pipefail

runs="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in node python3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cold-start.sh: '$tool' is required (apt-get install nodejs python3 curl time)." >&2; exit 2; }
done
python3 -c 'import boto3' 2>/dev/null || { echo "cold-start.sh: boto3 is required for the boto3 floor (apt-get install python3-boto3)." >&2; exit 2; }
if ! [ -x artifacts/publish/aot/bootstrap ] || ! [ -f artifacts/publish/managed/LambdaFunctionOverHttps.dll ]; then
  bash deploy/package.sh
fi
# Published every run (MSBuild skips what is up to date), so the floor is never an older SDK's.
dotnet publish benchmarks/BareSdkRead/BareSdkRead.csproj -c Release -r linux-x64 -o artifacts/bare-sdk --nologo -v quiet
[ -f deploy/local/node_modules/dynalite/cli.js ] || (cd deploy/local && npm ci --no-audit --no-fund --loglevel=error)

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d)"
scheme=http
curl_tls=()
if [ "${TLS:-0}" = 1 ]; then
  command -v openssl >/dev/null 2>&1 || { echo "cold-start.sh: TLS=1 needs openssl (apt-get install openssl)." >&2; exit 2; }
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=cold-start.sh CA" -keyout "$work/ca.key" -out "$work/ca.pem" \
    -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:false\nextendedKeyUsage=serverAuth\n' > "$work/server.ext"
  openssl x509 -req -days 1 -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
    -extfile "$work/server.ext" -out "$work/server.pem" 2>/dev/null
  (cd deploy/local && exec node -e '
    const fs = require("fs"), [dir, port] = process.argv.slice(1);
    require("dynalite")({ ssl: true, createTableMs: 0, key: fs.readFileSync(dir + "/server.key"),
      cert: fs.readFileSync(dir + "/server.pem"), ca: fs.readFileSync(dir + "/ca.pem") }).listen(+port, "127.0.0.1");' "$work" "$port") >/dev/null 2>&1 &
  dynalite=$!
  scheme=https
  curl_tls=(--cacert "$work/ca.pem")
  export SSL_CERT_FILE="$work/ca.pem" AWS_CA_BUNDLE="$work/ca.pem"
else
  node deploy/local/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$port" --createTableMs 0 >/dev/null 2>&1 &
  dynalite=$!
fi
trap 'kill "$dynalite" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done

export AWS_ENDPOINT_URL_DYNAMODB="$scheme://127.0.0.1:$port" AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
  AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
echo "DynamoDB for this run: dynalite on $AWS_ENDPOINT_URL_DYNAMODB"
curl -sf -o /dev/null "${curl_tls[@]}" -X POST "$AWS_ENDPOINT_URL_DYNAMODB/" \
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
artifacts/bare-sdk/BareSdkRead lambda-apigateway 1234ABCD >/dev/null || { echo "cold-start.sh: the bare-SDK read did not find the item" >&2; exit 1; }
python3 benchmarks/boto3_read.py lambda-apigateway 1234ABCD >/dev/null || { echo "cold-start.sh: the boto3 read did not find the item" >&2; exit 1; }

baseline="${BASELINE:-}"
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || { echo "cold-start.sh: BASELINE=$baseline is not an executable." >&2; exit 2; }
  "$baseline" invoke events/read.json 2>/dev/null | grep -q '"Item"' || { echo "cold-start.sh: the baseline read did not find the item" >&2; exit 1; }
fi

python3 benchmarks/cold_start.py "$runs"
