#!/usr/bin/env python3
"""Where the CPU time of a `perf record` profile goes (bench/profile.sh writes one): self time by
code area, and the heaviest frames, from `perf report --stdio --no-children --sort dso,sym`.

    perf report -i perf.data --stdio --no-children -n --sort dso,sym | python3 bench/profile-summary.py [calls] [sampling-hz]

With the number of calls and perf's sampling frequency, each area is also given in CPU nanoseconds
per call, summed over every thread (the client's, and the in-process server's).
Areas are told apart by the module perf's map names ("[System.Text.Json] Type::Method"), so
BatchGen's own code is told apart from the JSON tokenizer, HttpClient, Kestrel and the runtime."""
import re
import sys
from collections import defaultdict

LINE = re.compile(r"^\s*([\d.]+)%\s+(\d+)\s+(.+?)\s+\[(\.|k)\]\s+(.*)$")
METHOD = re.compile(r"\[([\w.]+)\] ([^\s\[(]+)::")


def area(dso: str, kind: str, symbol: str) -> str:
    if kind == "k":
        return "kernel (syscalls, loopback network)"
    match = METHOD.search(symbol)
    if not match:
        if dso.startswith("libc") and re.search(r"recv|send|epoll|sched_yield|futex|poll|read|write|nanosleep", symbol):
            return "libc system calls, yielding"
        if "stub" in symbol or "libcoreclr" in dso or "libclrjit" in dso or dso.startswith("libc") or "ld-linux" in dso:
            return "CoreCLR native (GC, allocation, stubs)"
        return "other native"
    module, type_name = match.groups()
    if "+JsonConverter" in type_name or type_name.startswith(("Bench.OpenAI.", "OpenAI.Batches.")) and module.startswith("BatchGen.Benchmarks"):
        return "generated code"
    if module == "BatchGen.Runtime":
        return "BatchGen runtime"
    if module.startswith("BatchGen.FakeServer") or type_name.startswith("BatchGen.Testing."):
        return "fake server (server side)"
    if module.startswith("BatchGen."):
        return "benchmark loop, hand-written baseline"
    if module == "OpenAI" or module.startswith("System.ClientModel"):
        return "OpenAI SDK, System.ClientModel"
    if type_name.startswith("System.Text.Json.Utf8JsonReader") or type_name.startswith("System.Buffers.Text.Utf8Parser"):
        return "System.Text.Json reader (tokens, numbers)"
    if "Transcode" in symbol or type_name.startswith(("System.Text.Unicode.", "System.Text.Ascii", "System.Text.UTF8Encoding")):
        return "UTF-8 to string"
    if module == "System.Text.Json":
        return "System.Text.Json other"
    if module.startswith("System.Net.Http"):
        return "HttpClient"
    if module.startswith(("System.Net.Sockets", "System.Net.Primitives", "System.Net.Security")):
        return "sockets"
    if module.startswith("Microsoft.AspNetCore") or module.startswith("Microsoft.Extensions"):
        return "Kestrel, ASP.NET Core (server side)"
    if type_name.startswith(("System.Threading", "System.Runtime.CompilerServices")):
        return "threading and tasks"
    return "other .NET libraries"


def main() -> None:
    calls = float(sys.argv[1]) if len(sys.argv) > 1 else None
    hertz = float(sys.argv[2]) if len(sys.argv) > 2 else None
    by_area = defaultdict(float)
    samples = 0
    frames = []
    for line in sys.stdin:
        match = LINE.match(line)
        if not match:
            continue
        share, dso, kind, symbol = float(match.group(1)), match.group(3).strip(), match.group(4), match.group(5).strip()
        samples += int(match.group(2))
        label = area(dso, kind, symbol)
        by_area[label] += share
        frames.append((share, label, symbol))
    total = sum(by_area.values()) or 1.0
    per_call = calls is not None and hertz is not None
    if per_call:
        ns_per_call = samples / hertz * 1e9 / calls
        print(f"{samples} samples at {hertz:.0f} Hz over {calls:.0f} calls: {ns_per_call:.0f} CPU ns per call, all threads.")
        print()
    print("| area | share of CPU samples |" + (" CPU ns per call |" if per_call else ""))
    print("|---|---|" + ("---|" if per_call else ""))
    for label, share in sorted(by_area.items(), key=lambda kv: -kv[1]):
        row = f"| {label} | {100 * share / total:.1f} % |"
        if per_call:
            row += f" {ns_per_call * share / total:.0f} |"
        print(row)
    print()
    print("| heaviest frame (self time) | area | share |")
    print("|---|---|---|")
    for share, label, symbol in sorted(frames, reverse=True)[:20]:
        symbol = re.sub(r"\[(OptimizedTier1|OptimizedTier1OSR|Optimized|Tier0|Tier1|QuickJitted)\]$", "", symbol)
        match = METHOD.search(symbol)
        shown = match.group(2) + "::" + symbol[match.end():].split("(", 1)[0] if match else symbol
        print(f"| `{shown[:100]}` | {label} | {100 * share / total:.2f} % |")


main()
