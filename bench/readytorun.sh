#!/usr/bin/env bash
# Does the compiler use ReadyToRun images of the generator's assemblies, and what do they save?
# The generator and the two libraries it loads (Microsoft.OpenApi, YamlDotNet) are compiled with
# crossgen2 (Microsoft.NETCore.App.Crossgen2.linux-x64, the SDK's runtime major version), then the
# same console project holding the complete spec is built with the plain (JIT) assemblies and with
# the R2R ones as its analyzers, interleaved, the generator's own time read from -p:ReportAnalyzer.
# Two settings: a cold compiler per build (UseSharedCompilation=false, what this machine does and
# what CI sees) and a warm compiler server (-p:UseSharedCompilation=true, a developer's machine).
# Also reports whether the runtime loaded the R2R code, from the JIT's method count
# (DOTNET_ReadyToRun=0 disables R2R code: the same build then jits everything).
#   RUNS=5 bench/readytorun.sh      # needs ../shared/openai-openapi/openapi.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
full="$repo/../shared/openai-openapi/openapi.yaml"
if [ ! -f "$full" ]; then
  echo "readytorun: $full is absent; this benchmark needs ../shared beside the repository." >&2
  exit 2
fi
full="$(cd "$(dirname "$full")" && pwd)/openapi.yaml"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

runtime_version="$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {print $2}' | sort -V | tail -1)"
major="${runtime_version%%.*}"

# crossgen2 from the package mirror.
mkdir -p "$work/fetch"
cat > "$work/fetch/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$major.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.linux-x64" Version="[$major.0.14]" /></ItemGroup>
</Project>
XML
dotnet restore "$work/fetch" -v q >/dev/null
crossgen="$(ls -d ~/.nuget/packages/microsoft.netcore.app.crossgen2.linux-x64/$major.0.14)"
crossgen_exe="$crossgen/tools/crossgen2"
[ -x "$crossgen_exe" ] || crossgen_exe="dotnet $crossgen/tools/crossgen2.dll"

# The analyzer assemblies as a package would carry them.
dotnet build src/Generator -c Release -v q -nologo >/dev/null
mkdir -p "$work/jit" "$work/r2r"
dotnet msbuild src/Generator -t:GetAnalyzerPackageFiles -p:Configuration=Release -getTargetResult:GetAnalyzerPackageFiles -v q \
  | python3 -c 'import json,sys; [print(i["FullPath"]) for i in json.load(sys.stdin)["TargetResults"]["GetAnalyzerPackageFiles"]["Items"]]' \
  > "$work/files.txt"
grep -E 'BatchGen.Generator.dll|Microsoft.OpenApi.dll|YamlDotNet.dll' "$work/files.txt" | while read -r f; do cp "$f" "$work/jit/"; done

# References for crossgen2: the runtime the compiler runs on, and the compiler's own assemblies.
framework_dir="$(dotnet --list-runtimes | awk -v v="$runtime_version" '$1 == "Microsoft.NETCore.App" && $2 == v {print $3}' | tr -d '[]')/$runtime_version"
sdk_dir="$(dotnet --list-sdks | tail -1 | sed -E 's/^([^ ]+) \[(.*)\]$/\2\/\1/')"
refs=(-r "$framework_dir/*.dll" -r "$sdk_dir/Roslyn/bincore/*.dll" -r "$work/jit/*.dll")
for dll in "$work"/jit/*.dll; do
  $crossgen_exe "$dll" -o "$work/r2r/$(basename "$dll")" --targetos linux --targetarch x64 -O "${refs[@]}" >/dev/null
done
ls -l "$work/jit" "$work/r2r" | awk '{print $5, $9}' | grep dll > "$work/sizes.txt"

make_project() { # name analyzer-dir
  mkdir -p "$work/$1"
  cat > "$work/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net$major.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$2/*.dll" />
    <ProjectReference Include="$repo/src/Runtime/BatchGen.Runtime.csproj" />
    <AdditionalFiles Include="$full" BatchGenNamespace="Api" BatchGenClientName="ApiClient" BatchGenConventions="OpenAI" />
  </ItemGroup>
  <Import Project="$repo/src/Runtime/build/BatchGen.props" />
</Project>
XML
  printf 'System.Console.WriteLine(typeof(Api.ApiClient).Name); // edit 0\n' > "$work/$1/Program.cs"
  dotnet build "$work/$1" -c Release -v q -nologo >/dev/null
}
make_project jit "$work/jit"
make_project r2r "$work/r2r"

generator_seconds() { # name shared-compilation tag
  sed -i "s|// edit .*|// edit $3|" "$work/$1/Program.cs"
  dotnet build "$work/$1" -c Release -nologo -v d -p:UseSharedCompilation="$2" -p:ReportAnalyzer=true > "$work/report.txt" 2>&1
  grep -E '^\s*[0-9.,<]+\s+[0-9<]+\s+BatchGen\.Generator\.BatchGenGenerator' "$work/report.txt" | head -1 | awk '{print $1}' | tr -d '<' | tr ',' '.'
}

for i in $(seq "$runs"); do
  for kind in jit r2r; do
    echo "cold $kind $(generator_seconds "$kind" false "c$i")" >> "$work/samples.txt"
  done
done
dotnet build-server shutdown >/dev/null 2>&1 || true
for kind in jit r2r; do generator_seconds "$kind" true warmup >/dev/null; done
for i in $(seq "$runs"); do
  for kind in jit r2r; do
    echo "warm $kind $(generator_seconds "$kind" true "w$i")" >> "$work/samples.txt"
  done
done

# Is the R2R code used? With DOTNET_ReadyToRun=0 the runtime ignores it; if the cold R2R build is
# no faster than that, the compiler is not using the images.
for i in $(seq "$runs"); do
  echo "cold r2r-disabled $(DOTNET_ReadyToRun=0 generator_seconds r2r false "d$i")" >> "$work/samples.txt"
done

python3 - "$work/samples.txt" "$runs" "$work/sizes.txt" <<'PY'
import statistics, sys
s = {}
for line in open(sys.argv[1]):
    mode, kind, sec = line.split()
    s.setdefault((mode, kind), []).append(float(sec))
med = {k: statistics.median(v) for k, v in s.items()}
print(f"generator time inside the compiler, complete spec, ReportAnalyzer; {sys.argv[2]} runs each, interleaved, medians (best)")
print("| compiler | JIT assemblies (s) | ReadyToRun assemblies (s) | ratio R2R/JIT |")
print("|---|---|---|---|")
for mode, label in (("cold", "cold, one per build (UseSharedCompilation=false)"), ("warm", "server warm (UseSharedCompilation=true)")):
    j, r = med[(mode, "jit")], med[(mode, "r2r")]
    print(f"| {label} | {j:.3f} ({min(s[(mode, 'jit')]):.3f}) | {r:.3f} ({min(s[(mode, 'r2r')]):.3f}) | {r / j:.2f}x |")
d = med[("cold", "r2r-disabled")]
print(f"| cold, R2R images with DOTNET_ReadyToRun=0 | | {d:.3f} ({min(s[('cold', 'r2r-disabled')]):.3f}) | {d / med[('cold', 'jit')]:.2f}x of JIT |")
print()
print("sizes (bytes): " + ", ".join(" ".join(l.split()) for l in open(sys.argv[3])))
PY
