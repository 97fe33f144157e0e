#!/usr/bin/env bash
# Where one benchmark's CPU time goes: runs it in a plain loop (BatchGen.Benchmarks --loop) under
# Linux perf and prints the time by area (BatchGen's code, the JSON tokenizer, HttpClient, Kestrel,
# the kernel, the GC) and the heaviest frames, via bench/profile-summary.py. Not part of bench/run.sh.
#   bench/profile.sh JsonBenchmarks.ReadBatchGenDirect [seconds]
#   bench/profile.sh CancelBenchmarks.BatchGen [seconds]
# Needs `perf` (linux-perf) allowed to sample the user's own processes (perf_event_paranoid <= 2).
# perf, not dotnet-trace: EventPipe's thread-time sampler stops a thread at its next safe point, which
# charged over half the samples of a JSON read to the loop that calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
method="${1:?usage: bench/profile.sh Type.Method [seconds]}"
seconds="${2:-20}"
command -v perf >/dev/null || { echo "perf is not installed (Debian: linux-perf)" >&2; exit 2; }
out="$PWD/artifacts/profile"
mkdir -p "$out"
dotnet build bench/BatchGen.Benchmarks -c Release -v q -nologo >/dev/null
dll="$(ls bench/BatchGen.Benchmarks/bin/Release/net*/BatchGen.Benchmarks.dll | head -1)"
# JIT-compiled code named for perf (a perf map), not double-mapped (W^X hides it from perf), and
# nothing precompiled, so every hot method is JIT code perf can name; tiering and PGO stay on, as in
# the benchmarks, and the loop runs long enough for tier 1.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0
perf record -q -F 999 -e cpu-clock -o "$out/$method.perf.data" -- dotnet "$dll" --loop "$method" "$seconds" | tee "$out/$method.log"
calls="$(sed -nE 's/.*: ([0-9]+) calls in .*/\1/p' "$out/$method.log")"
perf report -i "$out/$method.perf.data" --stdio --no-children -n --sort dso,sym 2>/dev/null \
  | python3 bench/profile-summary.py "$calls" 999
