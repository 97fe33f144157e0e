#!/usr/bin/env bash
# Mutation testing with Stryker.NET (pinned in .config/dotnet-tools.json). Not part of the default
# test run: the runtime takes about 20 minutes on 2 cores.
#
#   bench/mutation.sh runtime [--since main]     the runtime against tests/BatchGen.Runtime.Tests
#   bench/mutation.sh generator [--since main]   the generator against its fast tests (no fuzz, no Prism, no complete spec)
#
# Reports go to artifacts/mutation/<target>/reports (JSON and HTML); a summary per file is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-runtime}"; shift || true
dotnet tool restore >/dev/null
out="$PWD/artifacts/mutation/$target"
# Stryker starts a fresh test host per mutant, so each one pays the compiler's start-up as well as
# its tests. The generator's fast tests are those that run the generator without compiling its
# output or reading the complete spec: snapshots, diagnostics and their positions, caching, naming,
# YAML reading, hostile input. Left out: fuzzing, Prism, the complete spec, and the tests that
# compile generated code with Roslyn (CompileTests, NameClashTests, EvolutionTests, FilterTests and three
# single tests), each seconds per mutant; the snapshots pin the same output text.
generator_fast_tests="FullyQualifiedName!~Fuzz&FullyQualifiedName!~Conformance&FullyQualifiedName!~RealSpec&FullyQualifiedName!~FilterTests"
generator_fast_tests+="&FullyQualifiedName!~CompileTests&FullyQualifiedName!~NameClashTests&FullyQualifiedName!~EvolutionTests"
generator_fast_tests+="&FullyQualifiedName!~A_schema_nested_200_levels_deep&FullyQualifiedName!~An_alias_bomb_is_refused_quickly&FullyQualifiedName!~Two_specs_with_different_names_both_generate_side_by_side"
case "$target" in
  runtime)
    (cd tests/BatchGen.Runtime.Tests && dotnet stryker -p BatchGen.Runtime.csproj --target-framework net8.0 -r json -r html -r progress -r dots -O "$out" "$@")
    ;;
  generator)
    (cd tests/BatchGen.Generator.Tests && dotnet stryker -p BatchGen.Generator.csproj -r json -r html -r progress -r dots -O "$out" \
      --test-case-filter "$generator_fast_tests" "$@")
    ;;
  *) echo "usage: $0 runtime|generator [stryker options]" >&2; exit 2 ;;
esac
python3 - "$out/reports/mutation-report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
total = {}
for path, data in sorted(report["files"].items()):
    counts = {}
    for mutant in data["mutants"]:
        counts[mutant["status"]] = counts.get(mutant["status"], 0) + 1
        total[mutant["status"]] = total.get(mutant["status"], 0) + 1
    killed = counts.get("Killed", 0) + counts.get("Timeout", 0)
    tested = killed + counts.get("Survived", 0) + counts.get("NoCoverage", 0)
    if tested:
        print(f"{path.split('/src/')[-1]:48s} {100 * killed / tested:5.1f}%  survived {counts.get('Survived', 0):3d}  no coverage {counts.get('NoCoverage', 0):3d}")
killed = total.get("Killed", 0) + total.get("Timeout", 0)
tested = killed + total.get("Survived", 0) + total.get("NoCoverage", 0)
print(f"score {100 * killed / tested:.2f}% ({killed} of {tested}; {total})")
PY
