#!/usr/bin/env python3
"""One table of every performance target: target, measured, ratio, pass or miss.

Reads the tables bench/run.sh wrote to bench/results/ (each names the command and date that
produced it) and prints the summary. A target whose result file is missing says so.
    python3 bench/summary.py [RESULTS_DIR]
"""
import html
import os
import re
import sys

results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "results")


def read(name):
    path = os.path.join(results, name)
    return html.unescape(open(path, encoding="utf-8").read()) if os.path.exists(path) else None


def mean_ns(text, description):
    """The Mean column of a BenchmarkDotNet row, in nanoseconds."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 2 and cells[1].strip("'") == description:
            value, unit = cells[2].replace(",", "").split()
            return float(value) * {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6}[unit]
    return None


rows = []


def row(target, measured, ratio, ok, source):
    rows.append((target, measured, ratio, "pass" if ok else "MISS", source))


def missing(target, source):
    rows.append((target, "not measured", "", "MISS", source))


rebuild = read("complete-spec-rebuild.md")
if rebuild:
    m = re.search(r"\| dotnet build, Release \| (\d+) \| (\d+) \| ([\d.]+)x \|", rebuild)
    row("complete-spec rebuild after a C# edit <= 2.5x specs/openai.yaml", f"{m[2]} ms vs {m[1]} ms", f"{m[3]}x", float(m[3]) <= 2.5, "complete-spec-rebuild.md")
    a = re.search(r"\| dotnet build, Release \| (\d+) \| ([\d.]+)x \|", rebuild)
    if a:
        row("... the spec compiled into an assembly of its own (BatchGenAssembly) <= 2.5x", f"{a[1]} ms vs {m[1]} ms", f"{a[2]}x", float(a[2]) <= 2.5, "complete-spec-rebuild.md")
    g = re.search(r"inside the compiler.*?\| ([\d.]+) \|", rebuild)
    t = re.search(r"openapi-typescript 7.13, whole process \| ([\d.]+) \|", rebuild)
    if g and t:
        ratio = float(g[1]) / float(t[1])
        row("generator in the compiler <= 0.5x openapi-typescript", f"{g[1]} s vs {t[1]} s", f"{ratio:.2f}x", ratio <= 0.5, "complete-spec-rebuild.md")
    else:
        missing("generator in the compiler <= 0.5x openapi-typescript", "complete-spec-rebuild.md")
    s = re.search(r"generated C#: (\d+) files, (\d+) KiB", rebuild)
    if s:
        mb = int(s[2]) / 1024
        row("complete spec's generated C# <= 10 MB", f"{mb:.1f} MB in {s[1]} files", f"{mb / 10:.2f}x", mb <= 10, "complete-spec-rebuild.md")
else:
    missing("complete-spec rebuild after a C# edit <= 2.5x specs/openai.yaml", "complete-spec-rebuild.md")

json = read("json.md")
if json:
    ours = mean_ns(json, "read: BatchGen generated, direct (as its client reads)")
    sdk = mean_ns(json, "read: OpenAI 2.15 BatchJob (ModelReaderWriter, as its client reads)")
    stj = mean_ns(json, "read: STJ source-gen POCO")
    row("Batch read >= 3x faster than OpenAI 2.15", f"{ours:.0f} ns vs {sdk:.0f} ns", f"{sdk / ours:.2f}x faster", sdk / ours >= 3, "json.md")
    row("Batch read faster than STJ source-gen", f"{ours:.0f} ns vs {stj:.0f} ns", f"{stj / ours:.2f}x faster", ours < stj, "json.md")
else:
    missing("Batch read >= 3x faster than OpenAI 2.15", "json.md")

cancel = read("cancel.md")
if cancel:
    ours = mean_ns(cancel, "cancel: BatchGen CancelBatchAsync")
    hand = mean_ns(cancel, "cancel: hand-written HttpClient + STJ source-gen")
    row("cancel <= 1.1x a hand-written call", f"{ours / 1e3:.1f} μs vs {hand / 1e3:.1f} μs", f"{ours / hand:.2f}x", ours / hand <= 1.1, "cancel.md")
else:
    missing("cancel <= 1.1x a hand-written call", "cancel.md")

loops = read("cancel-loops.md")
if loops:
    m = re.search(r"\| BatchGen \| [^|]* \| ([\d.]+) \(from", loops)
    row("cancel <= 1.1x a hand-written call (long loops, median of rounds)", "median ratio of interleaved rounds", f"{m[1]}x", float(m[1]) <= 1.1, "cancel-loops.md")

overhead = read("build-overhead.md")
if overhead:
    m = re.search(r"\| consumer of the BatchGen package: no-op incremental \| (\d+) \| (\d+) \| ([\d.]+)x \|", overhead)
    row("no-op build of a package consumer with the generator <= 1.05x without", f"{m[1]} ms vs {m[2]} ms", f"{m[3]}x", float(m[3]) <= 1.05, "build-overhead.md")
else:
    missing("no-op build with the generator <= 1.05x without", "build-overhead.md")

print("| target | measured | ratio | result | from |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
