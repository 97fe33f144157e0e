#!/usr/bin/env bash
# Runs every benchmark, writes the tables to bench/results/ (with the machine description), and
# ends with one table of every target: target, measured, ratio, pass or miss (bench/summary.py).
#   bench/run.sh              all of it (about 30 minutes on 2 cores)
#   bench/run.sh --filter '*Json*'   BenchmarkDotNet only, a subset
# The full-spec benchmarks and the openapi-typescript comparison need ../shared beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
mkdir -p "$results"

dotnet run -c Release --project bench/BatchGen.Benchmarks -- --filter "${FILTER:-*}" "$@"
for report in "$results"/artifacts/results/*-report-github.md; do
  cp "$report" "$results/$(basename "$report" -report-github.md | sed 's/BatchGen.Benchmarks.//').md"
done

if [ "$#" -eq 0 ]; then
  {
    echo "# Whole process: BatchGen vs openapi-typescript"
    echo
    echo "Command: \`bench/compare-openapi-typescript.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
    echo
    bench/compare-openapi-typescript.sh
  } > "$results/whole-process.md"
  {
    echo "# Cancel in long loops: BatchGen vs a hand-written call vs the OpenAI SDK"
    echo
    echo "Command: \`bench/loop-compare.sh CancelBenchmarks \"HandWritten BatchGen OpenAISdk\" 5 15\` (part of \`bench/run.sh\`) on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
    echo
    echo "Five interleaved rounds, each method 15 s in a fresh process, the caller blocking on each call:"
    echo "a check on the BenchmarkDotNet ratio in cancel.md, whose error bars are wider than the target's margin."
    echo
    bench/loop-compare.sh CancelBenchmarks "HandWritten BatchGen OpenAISdk" 5 15 | sed -n '/^| method/,$p'
  } > "$results/cancel-loops.md"
  {
    echo "# Build overhead of the generator"
    echo
    echo "Command: \`bench/build-overhead.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
    echo
    bench/build-overhead.sh
  } > "$results/build-overhead.md"
  {
    echo "# Complete-spec rebuild, generator in the compiler, generated size"
    echo
    echo "Command: \`bench/complete-spec-rebuild.sh\` (part of \`bench/run.sh\`) on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
    echo
    bench/complete-spec-rebuild.sh
  } > "$results/complete-spec-rebuild.md"
fi

# Every target in one table, from the files above (including any this run did not redo).
python3 bench/summary.py "$results" | tee "$results/summary.md"
