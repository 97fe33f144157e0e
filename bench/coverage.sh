#!/usr/bin/env bash
# Line and branch coverage per project, from one command: coverlet.collector 8.0.1 (a package of the
# test projects) and ReportGenerator 5.6.0 (pinned in .config/dotnet-tools.json). Not part of the
# default test run. The fuzz run is left out (it exercises the generator, but slowly).
#
#   bench/coverage.sh        → artifacts/coverage/<tests>/report-<assembly> (HTML and Summary.txt), and a line per project
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
out="$PWD/artifacts/coverage"
rm -rf "$out"
settings=(-- "DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Include=[BatchGen.*]*"
             "DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Exclude=[BatchGen.*.Tests]*")

dotnet test tests/BatchGen.Runtime.Tests -c Release --collect:"XPlat Code Coverage" --results-directory "$out/runtime/raw" "${settings[@]}"
dotnet test tests/BatchGen.Generator.Tests -c Release --filter "FullyQualifiedName!~Mutants_never" \
  --collect:"XPlat Code Coverage" --results-directory "$out/generator/raw" "${settings[@]}"

# One summary per project, each from the tests that are its own.
report() { # target assembly
  dotnet reportgenerator -reports:"$out/$1/raw/*/coverage.cobertura.xml" -targetdir:"$out/$1/report-$2" \
    -assemblyfilters:"+$2" -reporttypes:"Html;TextSummary" >/dev/null
  printf '%-22s %s, %s\n' "$2" "$(grep -m1 'Line coverage' "$out/$1/report-$2/Summary.txt" | sed 's/^ *//')" \
    "$(grep -m1 'Branch coverage' "$out/$1/report-$2/Summary.txt" | sed 's/^ *//')"
}
report runtime BatchGen.Runtime
report runtime BatchGen.FakeServer
report runtime BatchGen.Extensions
report generator BatchGen.Generator
