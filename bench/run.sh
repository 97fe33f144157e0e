#!/usr/bin/env bash
# Runs every benchmark and writes the tables to bench/results/ (with the machine description):
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
    echo "# Build overhead of the generator"
    echo
    echo "Command: \`bench/build-overhead.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
    echo
    bench/build-overhead.sh
  } > "$results/build-overhead.md"
fi
