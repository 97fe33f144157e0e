#!/usr/bin/env bash
# Build overhead of the generator, side by side in one run, in two layouts:
#   package: a fresh consumer of the packed BatchGen package (what users have): "with" as packed;
#            "without" the same PackageReference with the analyzer excluded and the generator's
#            output compiled as ordinary sources;
#   sample:  samples/BatchGen.Sample as in this repository (the generator by project reference,
#            which MSBuild must also check on every build) against the same kind of copy.
# Same code either way, so the difference is the generator. Times a no-op incremental build
# (nothing changed) RUNS times each, interleaved, and a build after a one-line spec edit
# (with) against one after the equivalent edit of the generated source (without).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build() { local log; log="$(dotnet build "$1" -c Release -v q -nologo "${@:2}" 2>&1)" || { echo "$log" | grep -E "error|Error" | head -20 >&2; return 1; }; }

# A copy of the repository's sources, so the edits below touch nothing real.
mkdir -p "$work/repo"
cp -r src specs samples tests Directory.Build.props README.md "$work/repo/"
find "$work/repo" -name bin -o -name obj | xargs rm -rf

# --- package layout ---
version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
dotnet pack "$work/repo/src/Runtime/BatchGen.Runtime.csproj" -c Release -o "$work/feed" -p:Version="$version" -v q -nologo >/dev/null
dotnet pack "$work/repo/src/FakeServer/BatchGen.FakeServer.csproj" -c Release -o "$work/feed" -p:Version="$version" -v q -nologo >/dev/null
template="$work/repo/tests/BatchGen.Package.Tests/ConsumerTemplate"
consumer() { # directory [extra csproj items]
  mkdir -p "$1/specs"
  sed "s/\$BATCHGEN_VERSION\\$/$version/" "$template/Consumer.csproj" > "$1/Consumer.csproj"
  cp "$template/Program.cs" "$1/"
  cp specs/openai.yaml "$1/specs/"
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="batchgen-local" value="%s" /></packageSources></configuration>\n' "$work/feed" > "$1/nuget.config"
}
pkg_with="$work/package-with"
consumer "$pkg_with"
build "$pkg_with" -p:EmitCompilerGeneratedFiles=true "-p:CompilerGeneratedFilesOutputPath=$work/package-generated"
build "$pkg_with"
pkg_without="$work/package-without"
consumer "$pkg_without"
# The package without its analyzer: same references, same props, no generator.
sed -i 's|<PackageReference Include="BatchGen" Version="\([^"]*\)" />|<PackageReference Include="BatchGen" Version="\1" ExcludeAssets="analyzers" />|; s|<AdditionalFiles Include="specs/openai.yaml" />||' "$pkg_without/Consumer.csproj"
grep -q 'ExcludeAssets="analyzers"' "$pkg_without/Consumer.csproj"
cp -r "$work/package-generated/BatchGen.Generator/BatchGen.Generator.BatchGenGenerator" "$pkg_without/Generated"
build "$pkg_without"

# --- sample layout ---
with="$work/repo/samples/BatchGen.Sample"
# The generated files go outside the project, or its next build would compile them twice.
build "$with" -p:EmitCompilerGeneratedFiles=true "-p:CompilerGeneratedFilesOutputPath=$work/sample-generated"
build "$with"
without="$work/repo/samples/BatchGen.Sample.NoGenerator"
mkdir -p "$without"
cp "$with"/*.cs "$without/"
cp -r "$work/sample-generated/BatchGen.Generator/BatchGen.Generator.BatchGenGenerator" "$without/Generated"
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
build "$without"

time_build() { # label project
  local start end
  start=$(date +%s%N)
  build "$2"
  end=$(date +%s%N)
  echo "$1 $(( (end - start) / 1000000 ))" >> "$work/samples.txt"
}

for i in $(seq "$runs"); do
  time_build package-noop-with "$pkg_with"
  time_build package-noop-without "$pkg_without"
  time_build sample-noop-with "$with"
  time_build sample-noop-without "$without"
done

edit() { sed -i "s/The ID of the batch\.\( (edit [0-9]*)\)\?/The ID of the batch. (edit $2)/" "$1"; }
for i in $(seq "$runs"); do
  edit "$pkg_with/specs/openai.yaml" "$i"; time_build package-edit-with "$pkg_with"
  edit "$(grep -l 'The ID of the batch' "$pkg_without"/Generated/*.cs | head -1)" "$i"; time_build package-edit-without "$pkg_without"
  edit "$work/repo/specs/openai.yaml" "$i"; time_build sample-edit-with "$with"
  edit "$without/Generated/openai.Batch.g.cs" "$i"; time_build sample-edit-without "$without"
done

python3 - "$work/samples.txt" "$runs" <<'PY'
import statistics, sys
samples = {}
for line in open(sys.argv[1]):
    name, ms = line.split()
    samples.setdefault(name, []).append(int(ms))
m = {k: statistics.median(v) for k, v in samples.items()}
print(f"runs: {sys.argv[2]} each, interleaved, medians")
print()
print("| build | with generator (ms) | without (ms) | ratio |")
print("|---|---|---|---|")
for layout, label in (("package", "consumer of the BatchGen package"), ("sample", "repository sample (generator by project reference)")):
    print(f"| {label}: no-op incremental | {m[layout + '-noop-with']:.0f} | {m[layout + '-noop-without']:.0f} | {m[layout + '-noop-with'] / m[layout + '-noop-without']:.3f}x |")
    print(f"| {label}: after a one-line edit (spec / generated source) | {m[layout + '-edit-with']:.0f} | {m[layout + '-edit-without']:.0f} | {m[layout + '-edit-with'] / m[layout + '-edit-without']:.3f}x |")
PY
