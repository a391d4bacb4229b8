#!/usr/bin/env python3
"""Init time of the custom runtime: from process start to its first GET /next on the Lambda
Runtime API, and on to its first posted response, for the Native AOT bootstrap and (for
comparison) the JIT build. A fake Runtime API on 127.0.0.1 serves one ping event per run.

    usage: python3 benchmarks/init-time.py [runs]      (after deploy/package.sh; default 20)
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


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    marks = {}
    served = threading.Event()

    def do_GET(self):
        if "next" not in RuntimeApi.marks:
            RuntimeApi.marks["next"] = time.perf_counter()
            body = b'{"operation":"ping"}'
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
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}",
               AWS_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_EC2_METADATA_DISABLED="true")
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while "response" not in RuntimeApi.marks and time.time() < deadline:
        time.sleep(0.001)
    process.kill()
    process.wait()
    RuntimeApi.served.set()
    server.shutdown()
    server.server_close()
    return (RuntimeApi.marks["next"] - start) * 1000, (RuntimeApi.marks["response"] - start) * 1000


results = {}
for name, command in BUILDS.items():
    measure(command)  # warm the file cache
    samples = [measure(command) for _ in range(RUNS)]
    results[name] = (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples))

print(f"custom runtime start-up, {RUNS} runs each (medians, ms)")
print(f"{'build':<6} {'start to first /next':>21} {'start to first response':>24}")
for name, (to_next, to_response) in results.items():
    print(f"{name:<6} {to_next:>21.1f} {to_response:>24.1f}")
print(f"JIT/AOT: first /next {results['JIT'][0] / results['AOT'][0]:.1f}x, first response {results['JIT'][1] / results['AOT'][1]:.1f}x")
