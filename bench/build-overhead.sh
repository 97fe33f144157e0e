#!/usr/bin/env bash
# Build overhead of the generator, side by side in one run, on the sample:
#   with:    samples/BatchGen.Sample as it is (the generator runs in the compiler);
#   without: a copy that compiles the generator's output as ordinary sources, no generator.
# Same code either way, so the difference is the generator. Times a no-op incremental build
# (nothing changed) RUNS times each, interleaved, and a build after a one-line spec edit
# (with) against one after the equivalent edit of the generated source (without).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The "with" project: a copy of the repository's sources, so the edits below touch nothing real.
mkdir -p "$work/with"
cp -r src specs samples Directory.Build.props README.md "$work/with/"
find "$work/with" -name bin -o -name obj | xargs rm -rf
with="$work/with/samples/BatchGen.Sample"
# The generated files go outside the project, or its next build would compile them twice.
dotnet build "$with" -c Release -v q -nologo -p:EmitCompilerGeneratedFiles=true "-p:CompilerGeneratedFilesOutputPath=$work/generated" >/dev/null
dotnet build "$with" -c Release -v q -nologo >/dev/null

# The "without" project: same Program.cs, the generated files as plain sources, no analyzer.
without="$work/with/samples/BatchGen.Sample.NoGenerator"
mkdir -p "$without"
cp "$with/Program.cs" "$without/"
cp -r "$work/generated/BatchGen.Generator/BatchGen.Generator.BatchGenGenerator" "$without/Generated"
cat > "$without/BatchGen.Sample.NoGenerator.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <IsPackable>false</IsPackable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\..\src\Runtime\BatchGen.Runtime.csproj" />
    <ProjectReference Include="..\..\src\FakeServer\BatchGen.FakeServer.csproj" />
  </ItemGroup>
</Project>
XML
dotnet build "$without" -c Release -v q -nologo >/dev/null

time_build() { # label project
  local start end
  start=$(date +%s%N)
  dotnet build "$2" -c Release -v q -nologo >/dev/null
  end=$(date +%s%N)
  echo "$1 $(( (end - start) / 1000000 ))" >> "$work/samples.txt"
}

for i in $(seq "$runs"); do
  time_build noop-with "$with"
  time_build noop-without "$without"
done

spec="$work/with/specs/openai.yaml"
generated="$without/Generated/openai.Batch.g.cs"
for i in $(seq "$runs"); do
  sed -i "s/The ID of the batch\.\( (edit [0-9]*)\)\?/The ID of the batch. (edit $i)/" "$spec"
  time_build edit-with "$with"
  sed -i "s/The ID of the batch\.\( (edit [0-9]*)\)\?/The ID of the batch. (edit $i)/" "$generated"
  time_build edit-without "$without"
done

python3 - "$work/samples.txt" "$runs" <<'PY'
import statistics, sys
samples = {}
for line in open(sys.argv[1]):
    name, ms = line.split()
    samples.setdefault(name, []).append(int(ms))
m = {k: statistics.median(v) for k, v in samples.items()}
print(f"runs: {sys.argv[2]} each, interleaved, medians")
print("| build of the sample | with generator (ms) | without (ms) | ratio |")
print("|---|---|---|---|")
print(f"| no-op incremental | {m['noop-with']:.0f} | {m['noop-without']:.0f} | {m['noop-with'] / m['noop-without']:.3f}x |")
print(f"| after a one-line edit (spec / generated source) | {m['edit-with']:.0f} | {m['edit-without']:.0f} | {m['edit-with'] / m['edit-without']:.3f}x |")
PY
