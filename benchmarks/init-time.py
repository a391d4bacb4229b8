#!/usr/bin/env python3
"""Init time of the custom runtime: from process start to its first GET /next on the Lambda
Runtime API, and on to its first posted response, for the Native AOT bootstrap and (for
comparison) the JIT build. A fake Runtime API on 127.0.0.1 serves one event per run: with
AWS_ENDPOINT_URL_DYNAMODB set (benchmarks/cold-start.sh sets it to its dynalite), the `read` of
events/read.json, a real first invocation; without it, a `ping`, which needs no DynamoDB.

    usage: python3 benchmarks/init-time.py [runs]      (after deploy/package.sh; default 20)
    BASELINE=/path/to/another/bootstrap python3 benchmarks/init-time.py   also runs that AOT build
    (e.g. one published from an earlier commit) and prints its ratio to ours.
The builds run interleaved, one run of each in turn, so a machine that slows down mid-run slows
them alike.
"""
import http.server
import os
import socketserver
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
BUILDS = {
    "AOT": [os.path.join(ROOT, "artifacts/publish/aot/bootstrap")],
    "JIT": ["dotnet", os.path.join(ROOT, "artifacts/publish/managed/LambdaFunctionOverHttps.dll")],
}
ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB", "")
if ENDPOINT and not ENDPOINT.startswith("http://127.0.0.1:"):
    sys.exit("init-time.py: AWS_ENDPOINT_URL_DYNAMODB must be a dynalite on http://127.0.0.1.")
EVENT_NAME = "read" if ENDPOINT else "ping"
with open(os.path.join(ROOT, "events/read.json"), "rb") as read_event:
    EVENT = read_event.read() if ENDPOINT else b'{"operation":"ping"}'
if os.environ.get("BASELINE"):
    BUILDS["baseline AOT"] = [os.environ["BASELINE"]]


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    marks = {}
    served = threading.Event()
    responded = threading.Event()

    def do_GET(self):
        if "next" not in RuntimeApi.marks:
            RuntimeApi.marks["next"] = time.perf_counter()
            body = EVENT
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "init-time")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 10_000))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            RuntimeApi.served.wait(30)  # hold the second /next until the process is ended

    def do_POST(self):
        RuntimeApi.marks["response"] = time.perf_counter()
        RuntimeApi.responded.set()
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def measure(command):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RuntimeApi)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    RuntimeApi.marks = {}
    RuntimeApi.served.clear()
    RuntimeApi.responded.clear()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}",
               AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_EC2_METADATA_DISABLED="true", AWS_ENDPOINT_URL_DYNAMODB=ENDPOINT)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    RuntimeApi.responded.wait(30)  # blocking, so this process takes no CPU from the one measured
    process.kill()
    process.wait()
    RuntimeApi.served.set()
    server.shutdown()
    server.server_close()
    return (RuntimeApi.marks["next"] - start) * 1000, (RuntimeApi.marks["response"] - start) * 1000


for command in BUILDS.values():
    measure(command)  # warm the file cache
samples = {name: [] for name in BUILDS}
for _ in range(RUNS):
    for name, command in BUILDS.items():
        samples[name].append(measure(command))
results = {name: (statistics.median(s[0] for s in runs), statistics.median(s[1] for s in runs)) for name, runs in samples.items()}

print(f"custom runtime start-up, first event a {EVENT_NAME}, {RUNS} interleaved runs each (medians, ms)")
print(f"{'build':<13} {'start to first /next':>21} {'start to first response':>24}")
for name, (to_next, to_response) in results.items():
    print(f"{name:<13} {to_next:>21.1f} {to_response:>24.1f}")
print(f"JIT/AOT: first /next {results['JIT'][0] / results['AOT'][0]:.1f}x, first response {results['JIT'][1] / results['AOT'][1]:.1f}x")
if "baseline AOT" in results:
    base, ours = results["baseline AOT"], results["AOT"]
    print(f"baseline/AOT: first /next {base[0] / ours[0]:.3f}x ({base[0] - ours[0]:+.1f} ms), "
          f"first response {base[1] / ours[1]:.3f}x ({base[1] - ours[1]:+.1f} ms)")
