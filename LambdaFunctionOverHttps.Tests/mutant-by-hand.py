#!/usr/bin/env python3
"""Mutants made by hand: each line of the input names a file, a text in it, the text to put in its
place and, optionally, a `dotnet test` filter; the change is made, the Unit tests (or those the filter
selects) run, and the file restored. Prints KILLED (a test failed), SURVIVED, TIMEOUT or BUILD (the
mutant does not compile; nullable warnings are errors here, so write `!` where Stryker would not
need it).

Run it in a clone of its own (it edits the sources while the tests run), from the repository root:

    python3 LambdaFunctionOverHttps.Tests/mutant-by-hand.py "FullyQualifiedName~Batch" < mutants.txt

with lines such as

    LambdaFunctionOverHttps/Operations/BatchRunner.cs|||if (queue.Count > 0)|||if (queue.Count >= 0)
    LambdaFunctionOverHttps/Rest/NextToken.cs|||token.Length > MaxLength|||token.Length >= MaxLength|||FullyQualifiedName~NextToken

(`\\n` in a text is a line break). The text must occur exactly once in the file. docs/testing.md,
"Mutation testing", says where this stands in for Stryker's pass on every test.
"""
import os
import subprocess
import sys

UNIT = os.path.join("LambdaFunctionOverHttps.Tests", "Unit")


def run(default_filter, line):
    parts = [part.replace("\\n", "\n") for part in line.split("|||")]
    path, old, new = parts[:3]
    test_filter = parts[3] if len(parts) > 3 else default_filter
    with open(path, encoding="utf-8") as f:
        source = f.read()
    if source.count(old) != 1:
        return f"SKIP ({source.count(old)} matches)"
    with open(path, "w", encoding="utf-8") as f:
        f.write(source.replace(old, new))
    try:
        command = ["dotnet", "test", "--filter", test_filter] if test_filter else ["dotnet", "test"]
        result = subprocess.run(command, cwd=UNIT, capture_output=True, text=True, timeout=300)
        if "Failed!" in result.stdout:
            return "KILLED"
        return "SURVIVED" if "Passed!" in result.stdout else "BUILD " + result.stdout[-300:]
    except subprocess.TimeoutExpired:
        return "TIMEOUT"
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)


def main():
    default_filter = sys.argv[1] if len(sys.argv) > 1 else ""
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.strip():
            path, old, new = line.split("|||")[:3]
            print(f"{run(default_filter, line)}: {os.path.basename(path)} {old!r} -> {new!r}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
