#!/usr/bin/env python3
"""Later passes of a mutation run: every mutant a Stryker report says survived (or no test reached)
is tested again, first against the Integration tests, then against *every* test with no coverage to
get wrong.

Pass 1 (docs/testing.md, "Mutation testing") runs the Unit tests with Stryker's coverage per test.
Two things leave survivors there that the tests do kill: code tested against dynalite only (the
REST routes, say), and Stryker's coverage per test, which misses tests for some mutants of this
project. So this script runs two more passes, each on the mutants no earlier pass killed, each a
Stryker configuration that mutates only those mutants' text spans (Stryker's `{start..end}`
patterns):

- `integration`: the Integration tests, with coverage per test (seconds per mutant);
- `recheck`: the Unit and Integration tests with `coverage-analysis: off`, so each mutant runs
  every in-process test (a minute per mutant here).

and prints the group's score with the passes combined: a mutant counts as killed if any pass
killed it (a kill is a test that failed with the mutant in place, whichever pass saw it).

    cd LambdaFunctionOverHttps.Tests
    python3 stryker-recheck.py ../artifacts/stryker/values           # run the passes not yet run
    python3 stryker-recheck.py ../artifacts/stryker/values --pass integration  # run that pass only
    python3 stryker-recheck.py ../artifacts/stryker/values --table   # only print the combined table

The first pass's report is `<output>/reports/mutation-report.json`; each later pass writes its own
under `<output>/<pass>/` and is skipped when that report exists. Each report holds the source it
mutated; where today's file differs (a comment added since, say), a mutant is found by its lines,
which must be unchanged, so the table can be printed again at a later commit.
"""
import difflib
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

SETTLED = {"Killed", "Timeout"}
COUNTED = {"Killed", "Timeout", "Survived", "NoCoverage"}
INTEGRATION = "Integration/LambdaFunctionOverHttps.Tests.Integration.csproj"
# Each later pass: its folder under the output and what it changes in stryker-config.json.
PASSES = [
    ("integration", {"test-projects": [INTEGRATION], "coverage-analysis": "perTest"}),
    ("recheck", {"coverage-analysis": "off"}),
]


def load(report_path):
    with open(report_path, encoding="utf-8") as f:
        return json.load(f)


def offset(text, line, column):
    """Character offset of a 1-based line and column (the report's positions)."""
    lines = text.splitlines(keepends=True)
    return sum(len(l) for l in lines[: line - 1]) + column - 1


def open_mutants(report):
    """Survivors and unreached mutants, with their file's path as Stryker reports it."""
    for path, file in report["files"].items():
        for mutant in file["mutants"]:
            if mutant["status"] in ("Survived", "NoCoverage") and not configure_await(file["source"], mutant):
                yield path, mutant


def configure_await(source, mutant):
    """`ConfigureAwait(false)` made `true`: equivalent, since no host of the function (the runtime
    loop, the local server, the test runner) has a SynchronizationContext to continue on. Counted as
    an equivalent mutant by this rule rather than marked on each of its ~30 lines. (Stryker's
    `ignore-methods` cannot say this: it also ignores every mutant of the call chain that ends in
    `.ConfigureAwait`, such as the request a DynamoDB call sends.)"""
    start, end = mutant["location"]["start"], mutant["location"]["end"]
    if mutant["mutatorName"] != "Boolean mutation" or start["line"] != end["line"]:
        return False
    text = source.splitlines()[start["line"] - 1]
    return text[start["column"] - 1:end["column"] - 1] == "false" and text[:start["column"] - 1].endswith(".ConfigureAwait(")


def line_map(old, new):
    """Today's line number of each line of `old` that is unchanged in `new` (1-based)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return {a + i + 1: b + i + 1 for a, b, size in matcher.get_matching_blocks() for i in range(size)}


def today(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def moved(mutant, lines):
    """The mutant's location in today's file, or None if its lines changed."""
    start, end = mutant["location"]["start"], mutant["location"]["end"]
    if start["line"] not in lines or end["line"] not in lines:
        return None
    return {"start": {"line": lines[start["line"]], "column": start["column"]},
            "end": {"line": lines[end["line"]], "column": end["column"]}}


def short(path):
    """A file as the patterns and keys name it: its folder and name (`Values/JsonBody.cs`)."""
    return "/".join(path.split("/")[-2:])


def key(path, location, mutant):
    return (short(path), location["start"]["line"], location["start"]["column"],
            location["end"]["line"], location["end"]["column"], mutant["mutatorName"],
            mutant.get("replacement", ""))


def relocate(first):
    """Each file's text today, and each first-pass mutant's location in it (None if its lines changed)."""
    texts, locations = {}, {}
    for path, file in first["files"].items():
        texts[path] = today(path)
        lines = line_map(file["source"], texts[path])
        for mutant in file["mutants"]:
            locations[mutant["id"]] = moved(mutant, lines)
    return texts, locations


def write_config(first, later, settings_change, config_path):
    """A configuration mutating the spans of the first pass's mutants no later pass settled."""
    texts, locations = relocate(first)
    settled = later_statuses(later)
    spans = defaultdict(set)
    for path, mutant in open_mutants(first):
        location = locations[mutant["id"]]
        if location is None:
            print(f"changed since the first pass, not rechecked: {path} line {mutant['location']['start']['line']}")
            continue
        if settled.get(key(path, location, mutant)) in SETTLED | {"Ignored"}:
            continue
        start = offset(texts[path], location["start"]["line"], location["start"]["column"])
        end = offset(texts[path], location["end"]["line"], location["end"]["column"])
        spans[path].add((start, end))
    if not spans:
        return False
    with open("stryker-config.json", encoding="utf-8") as f:
        config = json.load(f)
    settings = config["stryker-config"]
    settings.update(settings_change)
    settings["thresholds"] = {"high": 100, "low": 0, "break": 0}
    settings["mutate"] = [
        "**/" + short(path) + "".join(f"{{{start}..{end}}}" for start, end in sorted(file_spans))
        for path, file_spans in spans.items()
    ]
    with open(config_path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    return True


def later_statuses(later):
    """Each mutant of the later reports by its place in today's files: killed (or timed out) if any
    pass killed it, ignored if marked equivalent since, else the last pass's status."""
    statuses = {}
    for report in later:
        # Every report is matched in today's files, so any may be of an older commit.
        _, report_locations = relocate(report)
        for path, file in report["files"].items():
            for mutant in file["mutants"]:
                location = report_locations[mutant["id"]]
                if location is None or not (mutant["status"] in COUNTED or mutant["status"] == "Ignored"):
                    continue
                name = key(path, location, mutant)
                if statuses.get(name) not in SETTLED:
                    statuses[name] = mutant["status"]
    return statuses


def combine(first, later):
    """The first pass's statuses, with each mutant a later pass killed counted as killed."""
    rechecked = later_statuses(later)
    _, locations = relocate(first)
    table = defaultdict(Counter)
    for path, file in first["files"].items():
        name = os.path.relpath(path, os.path.commonpath(list(first["files"])))
        for mutant in file["mutants"]:
            status = mutant["status"]
            if status not in COUNTED:
                continue
            if status not in SETTLED and configure_await(file["source"], mutant):
                table[name]["ConfigureAwait"] += 1
                continue
            if status not in SETTLED:
                location = locations[mutant["id"]]
                later_status = rechecked.get(key(path, location, mutant), status) if location is not None else status
                # A later pass whose tests do not reach the mutant says nothing against pass 1's survivor.
                status = status if (later_status, status) == ("NoCoverage", "Survived") else later_status
                if status == "Ignored":
                    continue  # marked equivalent in the source since the first pass
            table[name][status] += 1
    return table


def print_table(table):
    print("| File | Killed | Timeout | Survived | No coverage | Score |")
    print("|---|---:|---:|---:|---:|---:|")
    total = Counter()
    for name in sorted(table):
        row = table[name]
        total.update(row)
        print(line(f"`{name}`", row))
    print(line("**all**", total))
    if total["ConfigureAwait"]:
        print(f"\nNot counted: {total['ConfigureAwait']} `ConfigureAwait(false)` made `true` (equivalent: no SynchronizationContext).")


def line(name, row):
    detected = row["Killed"] + row["Timeout"]
    valid = detected + row["Survived"] + row["NoCoverage"]
    score = 100.0 * detected / valid if valid else 100.0
    return f"| {name} | {row['Killed']} | {row['Timeout']} | {row['Survived']} | {row['NoCoverage']} | {score:.1f}% |"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    output = sys.argv[1]
    first = load(os.path.join(output, "reports", "mutation-report.json"))
    only = sys.argv[sys.argv.index("--pass") + 1] if "--pass" in sys.argv else None
    later = []
    for name, settings_change in PASSES:
        report_path = os.path.join(output, name, "reports", "mutation-report.json")
        wanted = only is None or only == name
        if wanted and not os.path.exists(report_path) and "--table" not in sys.argv:
            # Beside stryker-config.json, so that its relative paths mean the same; removed after.
            config_path = f"stryker-{name}.json"
            if write_config(first, later, settings_change, config_path):
                try:
                    subprocess.run(["dotnet", "stryker", "-f", config_path, "--output",
                                    os.path.join(output, name), "-L"], check=True)
                finally:
                    os.remove(config_path)
        if os.path.exists(report_path):
            later.append(load(report_path))
    print_table(combine(first, later))
    return 0


if __name__ == "__main__":
    sys.exit(main())
