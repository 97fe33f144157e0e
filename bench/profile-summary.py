#!/usr/bin/env python3
"""Where the CPU time of a BenchmarkDotNet EventPipe profile goes (`--profiler EP` writes
*.speedscope.json): self time per code area, and the heaviest frames of BatchGen's own code.

    python3 bench/profile-summary.py BenchmarkDotNet.Artifacts/*.speedscope.json

Self time is attributed to the innermost frame's area; the areas are matched by namespace prefix,
first match wins, so BatchGen's own code is told apart from HttpClient, Kestrel and the runtime."""
import json
import sys
from collections import defaultdict

AREAS = [
    ("fake server (server side)", ("BatchGen.Testing.",)),
    ("hand-written baseline", ("BatchGen.Benchmarks.",)),
    ("BatchGen runtime", ("BatchGen.",)),
    ("generated client", ("OpenAI.Batches.", "Bench.OpenAI.")),
    ("System.Text.Json", ("System.Text.Json",)),
    ("HttpClient", ("System.Net.Http",)),
    ("sockets", ("System.Net.Sockets", "System.Net.Security")),
    ("Kestrel (server side)", ("Microsoft.AspNetCore",)),
    ("threading and tasks", ("System.Threading", "System.Runtime.CompilerServices")),
    ("runtime and GC", ("coreclr", "libcoreclr", "System.Private.CoreLib", "[", "System.")),
]


def area(name: str) -> str:
    # Frames look like "Module!Namespace.Type.Method(args)"; match on what follows the module.
    symbol = name.split("!", 1)[1] if "!" in name else name
    for label, prefixes in AREAS:
        if symbol.startswith(prefixes) or name.startswith(prefixes):
            return label
    return "other"


def summarize(path: str) -> None:
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    self_time = defaultdict(float)
    by_area = defaultdict(float)
    total = 0.0
    for profile in data["profiles"]:
        if profile.get("type") == "sampled":
            for stack, weight in zip(profile["samples"], profile["weights"]):
                if stack:
                    top = frames[stack[-1]]
                    self_time[top] += weight
                    by_area[area(top)] += weight
                    total += weight
            continue
        stack = []  # (frame, opened at)
        last = None
        for event in profile.get("events", []):
            at = event["at"]
            if stack and last is not None:
                top = frames[stack[-1][0]]
                self_time[top] += at - last
                by_area[area(top)] += at - last
                total += at - last
            last = at
            if event["type"] == "O":
                stack.append((event["frame"], at))
            elif stack:
                stack.pop()
    if total == 0:
        print(f"{path}: no samples")
        return
    print(f"## {path.rsplit('/', 1)[-1]}")
    print()
    print("| area | share of CPU time |")
    print("|---|---|")
    for label, value in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"| {label} | {100 * value / total:.1f} % |")
    print()
    own = [(v, n) for n, v in self_time.items() if area(n) in ("BatchGen runtime", "generated client")]
    own.sort(reverse=True)
    if own:
        print("| BatchGen frame (self time) | share |")
        print("|---|---|")
        for value, name in own[:12]:
            print(f"| `{name[:110]}` | {100 * value / total:.2f} % |")
        print()


for argument in sys.argv[1:]:
    summarize(argument)
