# shellcheck shell=bash
# Shared by benchmarks/soak.sh and benchmarks/throughput.sh (sourced, not run): start the built local
# stack on a free port of 127.0.0.1, seed one item, write a wrk script, stop the stack. The caller
# sets `work` (a scratch folder) and `name` (for messages) and builds deploy/local first.
: "${work:?set work before sourcing local-stack.sh}" "${name:?set name before sourcing local-stack.sh}"

stack=""

# Starts deploy/local's built dll ($1) with a clean environment; sets `stack` (its pid) and `url`.
start_local_stack() {
  # Nothing the caller's shell set may change what is measured, and nothing goes through a proxy.
  env -u DYNAMODBMANAGER_API_KEY -u TABLE_NAME -u ALLOWED_TABLES -u AWS_ENDPOINT_URL_DYNAMODB -u AWS_ENDPOINT_URL \
    NO_PROXY=127.0.0.1 no_proxy=127.0.0.1 AWS_EC2_METADATA_DISABLED=true \
    dotnet "$1" --port 0 >"$work/stack.log" 2>&1 &
  stack=$!
  for _ in $(seq 600); do
    grep -q '^Ready in ' "$work/stack.log" && break
    kill -0 "$stack" 2>/dev/null || { cat "$work/stack.log" >&2; echo "$name: the stack exited." >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^Ready in ' "$work/stack.log" || { cat "$work/stack.log" >&2; echo "$name: the stack did not get ready in 60 s." >&2; exit 1; }
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/dynamodbmanager' "$work/stack.log" | head -n 1)"
}

# Stops the stack with SIGTERM, as Ctrl+C would, and waits for it.
stop_local_stack() {
  if [ -n "$stack" ] && kill -0 "$stack" 2>/dev/null; then
    kill -TERM "$stack"
    wait "$stack" 2>/dev/null || true
  fi
  stack=""
}

# Creates the item with id $1 through the API, and checks that a read ($2, an envelope) finds it.
seed_item() {
  curl -sf --noproxy '*' "$url" -H 'content-type: application/json' \
    -d "{\"operation\": \"create\", \"tableName\": \"lambda-apigateway\", \"payload\": {\"Item\": {\"id\": \"$1\", \"number\": 5, \"note\": \"$name\"}}}" >/dev/null
  curl -sf --noproxy '*' "$url" -H 'content-type: application/json' -d "$2" | grep -q '"Item"' \
    || { echo "$name: the seeded item could not be read back." >&2; exit 1; }
}

# Writes to $1 a wrk script that POSTs the JSON $2 and prints "key value" lines when done:
# requests, socket_errors, wrk_status_errors (non-2xx/3xx), duration_us, p50_us, p99_us.
write_wrk_script() {
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("wrk_status_errors %d\n", e.status))
  io.write(string.format("duration_us %d\n", summary.duration))
  io.write(string.format("p50_us %d\n", latency:percentile(50)))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
end
LUA
}
