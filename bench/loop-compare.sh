#!/usr/bin/env bash
# Benchmarks of one class compared in long plain loops (BatchGen.Benchmarks --loop), interleaved
# round by round, each in a fresh process: a check on a BenchmarkDotNet ratio whose error bars are
# wide (the cancel call varies by +-10 us on this shared 2-core machine). Prints ns per call for
# each round and the median of each method's ratio to the first one's, round by round.
#   bench/loop-compare.sh CancelBenchmarks "HandWritten BatchGen OpenAISdk" [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:?usage: bench/loop-compare.sh Type \"Method1 Method2 ...\" [rounds] [seconds]}"
read -r -a methods <<<"${2:?list the methods, the baseline first}"
rounds="${3:-5}"
seconds="${4:-15}"
dotnet build bench/BatchGen.Benchmarks -c Release -v q -nologo >/dev/null
dll="$(ls bench/BatchGen.Benchmarks/bin/Release/net*/BatchGen.Benchmarks.dll | head -1)"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
  for method in "${methods[@]}"; do
    ns="$(dotnet "$dll" --loop "$type.$method" "$seconds" | sed -nE 's/.*, ([0-9]+) ns each/\1/p')"
    echo "$round $method $ns" | tee -a "$results"
  done
done
python3 - "$results" "${methods[@]}" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
methods = sys.argv[2:]
by_round = {}
for round_, method, ns in rows:
    by_round.setdefault(round_, {})[method] = float(ns)
print()
print("| method | ns per call, each round | median ratio to " + methods[0] + " |")
print("|---|---|---|")
for method in methods:
    times = [r[method] for r in by_round.values()]
    ratios = [r[method] / r[methods[0]] for r in by_round.values()]
    print(f"| {method} | {', '.join(f'{t:,.0f}' for t in times)} | {statistics.median(ratios):.3f} (from {min(ratios):.3f} to {max(ratios):.3f}) |")
PY
