#!/usr/bin/env python3
"""The cold-start measurements behind benchmarks/cold-start.sh, which sets up their dynalite (on
127.0.0.1, named by AWS_ENDPOINT_URL_DYNAMODB, holding the item events/create.json writes):

1. cold invoke: `invoke events/read.json` as a whole process, start to exit with the answer
   printed, and its peak RSS (GNU time's %M); beside it the two floors doing the same read of the
   same item: the bare-SDK program (benchmarks/BareSdkRead, Native AOT, the function's client
   configuration and one GetItem) and the boto3 script (benchmarks/boto3_read.py, the original's
   stack), with our time over each;
2. custom-runtime start-up: the bootstrap as Lambda starts it, against a fake Runtime API on
   127.0.0.1 that hands it the read of events/read.json: start to its first GET /next, and to its
   answer posted.

Both for the Native AOT bootstrap and the JIT build, and for BASELINE (another AOT bootstrap, e.g.
one published from an earlier commit) when it is set. BARE_SDK names the published bare-SDK program. The builds run interleaved, one run of each
in turn, so a machine that slows down mid-run slows them alike; medians are printed, and for BASELINE
also the median of each run's ratio to the AOT run beside it, with a 95% interval.

    usage: python3 benchmarks/cold_start.py [runs]     (default 30; run by benchmarks/cold-start.sh)
"""
import http.server
import os
import random
import shutil
import socketserver
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
ENDPOINT = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB", "")
if not ENDPOINT.startswith(("http://127.0.0.1:", "https://127.0.0.1:")):
    sys.exit("cold_start.py: AWS_ENDPOINT_URL_DYNAMODB must name a dynalite on http(s)://127.0.0.1 (benchmarks/cold-start.sh starts one).")
if not shutil.which("/usr/bin/time"):
    sys.exit("cold_start.py: GNU time is required for peak RSS (apt-get install time).")
BUILDS = {
    "AOT": [os.path.join(ROOT, "artifacts/publish/aot/bootstrap")],
    "JIT": ["dotnet", os.path.join(ROOT, "artifacts/publish/managed/LambdaFunctionOverHttps.dll")],
}
if os.environ.get("BASELINE"):
    BUILDS["baseline AOT"] = [os.environ["BASELINE"]]
READ_EVENT = os.path.join(ROOT, "events/read.json")
# The table and key of events/read.json, which the floors read too.
TABLE, KEY = "lambda-apigateway", "1234ABCD"
# Whole commands doing the same read. The boto3 script runs on this interpreter itself (a pyenv
# shim in front of python3 would add its own start-up, seconds of it, to the floor).
FLOORS = {
    "bare SDK": [os.environ.get("BARE_SDK", os.path.join(ROOT, "artifacts/bare-sdk/BareSdkRead")), TABLE, KEY],
    "boto3": [sys.executable, os.path.join(ROOT, "benchmarks/boto3_read.py"), TABLE, KEY],
}
# What the issue that added the floors asks of the AOT build's cold read (docs/performance.md).
FLOOR_TARGETS = {"bare SDK": 0.90, "boto3": 0.08}
# AWS_DEFAULT_REGION for boto3, which does not read AWS_REGION (Lambda sets both).
ENVIRONMENT = dict(os.environ, AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="bench",
                   AWS_SECRET_ACCESS_KEY="bench", AWS_EC2_METADATA_DISABLED="true")


def invoke(command):
    """Wall ms of a whole command reading the item, and the peak RSS MB of another such run under GNU time.

    Peak RSS is not read from this process's wait4: the kernel carries a child's resident size
    across exec, so a child forked from this (20 MB) Python would report at least that much. GNU
    time is a small parent of its own."""
    started = time.perf_counter()
    run = subprocess.run(command, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"cold_start.py: {' '.join(command)} exited {run.returncode}")
    timed = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, env=ENVIRONMENT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return elapsed * 1000, int(timed.stderr.strip().splitlines()[-1]) / 1024


class RuntimeApi(http.server.BaseHTTPRequestHandler):
    marks = {}
    served = threading.Event()
    responded = threading.Event()
    with open(READ_EVENT, "rb") as event_file:
        event = event_file.read()

    def do_GET(self):
        if "next" not in RuntimeApi.marks:
            RuntimeApi.marks["next"] = time.perf_counter()
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "cold-start")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 10_000))
            self.send_header("Content-Length", str(len(RuntimeApi.event)))
            self.end_headers()
            self.wfile.write(RuntimeApi.event)
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


def start_runtime(build):
    """Ms from process start to the first GET /next, and to the read's answer posted."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RuntimeApi)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    RuntimeApi.marks = {}
    RuntimeApi.served.clear()
    RuntimeApi.responded.clear()
    env = dict(ENVIRONMENT, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}")
    started = time.perf_counter()
    process = subprocess.Popen(build, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    answered = RuntimeApi.responded.wait(30)  # blocking, so this process takes no CPU from the one measured
    process.kill()
    process.wait()
    RuntimeApi.served.set()
    server.shutdown()
    server.server_close()
    if not answered:
        sys.exit(f"cold_start.py: {' '.join(build)} posted no answer within 30 s")
    return (RuntimeApi.marks["next"] - started) * 1000, (RuntimeApi.marks["response"] - started) * 1000


def interleaved(measure, commands):
    """Each command's figures, one tuple per run, the commands taking turns; three warm-up runs each."""
    for command in commands.values():
        for _ in range(3):
            measure(command)
    samples = {name: [] for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            samples[name].append(measure(command))
    return samples


def paired(others, ours, column):
    """The median of each run's ratio to the run beside it, with a bootstrap 95% interval: a machine that
    drifts moves both runs of a pair alike, so this judges a change more steadily than a ratio of medians."""
    ratios = [other[column] / mine[column] for other, mine in zip(others, ours)]
    draws = random.Random(17)
    resampled = sorted(statistics.median(draws.choices(ratios, k=len(ratios))) for _ in range(2000))
    return f"{statistics.median(ratios):.3f}x (95% CI {resampled[50]:.3f}-{resampled[1949]:.3f}x)"


def report(title, columns, samples):
    medians = {name: tuple(statistics.median(figures) for figures in zip(*runs)) for name, runs in samples.items()}
    print(title)
    print(f"{'build':<13}" + "".join(f" {column:>24}" for column in columns))
    for name, figures in medians.items():
        print(f"{name:<13}" + "".join(f" {figure:>24.1f}" for figure in figures))
    for name in [n for n in ("JIT", "baseline AOT") if n in medians]:
        ratios = ", ".join(f"{column} {other / ours:.3f}x ({other - ours:+.1f})"
                           for column, other, ours in zip(columns, medians[name], medians["AOT"]))
        print(f"{name}/AOT: {ratios}")
    if "baseline AOT" in samples:
        ratios = ", ".join(f"{column} {paired(samples['baseline AOT'], samples['AOT'], index)}" for index, column in enumerate(columns))
        print(f"baseline AOT/AOT, median of the pairs: {ratios}")
    # The floors the other way round: our time over theirs, the figure a cold-start change is judged by.
    for name in [n for n in FLOORS if n in medians]:
        ratios = ", ".join(f"{column} {ours / other:.3f}x ({ours - other:+.1f})"
                           for column, other, ours in zip(columns, medians[name], medians["AOT"]))
        print(f"AOT/{name}: {ratios}   (target: wall at most {FLOOR_TARGETS[name]:.2f}x)")
    print()


report(f"cold invoke of events/read.json against dynalite, {RUNS} interleaved runs each (medians)",
       ["wall ms", "peak RSS MB"],
       interleaved(invoke, {**{name: build + ["invoke", READ_EVENT] for name, build in BUILDS.items()}, **FLOORS}))
report(f"custom runtime start-up, first event a read, {RUNS} interleaved runs each (medians, ms)",
       ["start to first /next", "start to first response"], interleaved(start_runtime, BUILDS))
