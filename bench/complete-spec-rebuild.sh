#!/usr/bin/env bash
# Rebuild after a one-line C# edit: a console project holding the complete OpenAI spec against the
# same project holding specs/openai.yaml, side by side in one run, with the compiler server ON
# (-p:UseSharedCompilation=true: a developer's machine keeps it; this machine's environment turns it
# off). Each build edits one line of Program.cs first. Interleaved, RUNS each (default 5), medians.
# Also prints the generator's own time inside the compiler (-p:ReportAnalyzer=true) on the complete
# spec, best of the runs, for the comparison with openapi-typescript.
#   bench/complete-spec-rebuild.sh            # needs ../shared/openai-openapi/openapi.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
full="$repo/../shared/openai-openapi/openapi.yaml"
if [ ! -f "$full" ]; then
  echo "complete-spec-rebuild: $full is absent; this benchmark needs ../shared beside the repository." >&2
  exit 2
fi
full="$(cd "$(dirname "$full")" && pwd)/openapi.yaml"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A copy of the sources, so edits made while this runs do not change what it measures.
mkdir -p "$work/repo"
cp -r src specs Directory.Build.props "$work/repo/"
mkdir -p "$work/repo/bench" && cp -r bench/BatchGen.Harness "$work/repo/bench/"
find "$work/repo" -name bin -o -name obj | xargs rm -rf
repo="$work/repo"

make_project() { # name spec [extra AdditionalFiles metadata]
  mkdir -p "$work/$1"
  cat > "$work/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <LangVersion>latest</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Generator/BatchGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$repo/src/Runtime/BatchGen.Runtime.csproj" />
    <AdditionalFiles Include="$2" BatchGenNamespace="Api" BatchGenClientName="ApiClient" BatchGenConventions="OpenAI" ${3:-} />
  </ItemGroup>
  <Import Project="$repo/src/Runtime/build/BatchGen.props" />
  <Import Project="$repo/src/Runtime/build/BatchGen.targets" />
</Project>
XML
  cat > "$work/$1/Program.cs" <<'CS'
using Api;
var client = new ApiClient(new BatchGen.ClientOptions { ApiKey = "sk-test" });
System.Console.WriteLine(client.GetType().Name); // edit 0
CS
  dotnet build "$work/$1" -c Release -v q -nologo -p:UseSharedCompilation=true >/dev/null
}

make_project small "$repo/specs/openai.yaml"
make_project complete "$full"
# The same project, the spec compiled into an assembly of its own (BatchGenAssembly, see README).
make_project own-assembly "$full" 'BatchGenAssembly="Api.OpenAI"'

# The layout the README recommends for a large spec: the spec in a class library of its own, the
# code that calls it in another project. A C# edit there leaves the library up to date.
make_project split-lib "$full"
sed -i 's|<OutputType>Exe</OutputType>|<OutputType>Library</OutputType>|' "$work/split-lib/split-lib.csproj"
rm "$work/split-lib/Program.cs"
mkdir -p "$work/split-app"
cat > "$work/split-app/split-app.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$work/split-lib/split-lib.csproj" />
  </ItemGroup>
</Project>
XML
cp "$work/complete/Program.cs" "$work/split-app/Program.cs"
dotnet build "$work/split-app" -c Release -v q -nologo -p:UseSharedCompilation=true >/dev/null

rebuild() { # name run
  sed -i "s|// edit [0-9]*|// edit $2|" "$work/$1/Program.cs"
  local start end
  start=$(date +%s%N)
  dotnet build "$work/$1" -c Release -v q -nologo -p:UseSharedCompilation=true >/dev/null
  end=$(date +%s%N)
  echo "$1 $(( (end - start) / 1000000 ))" >> "$work/samples.txt"
}

for i in $(seq "$runs"); do
  rebuild small "$i"
  rebuild complete "$i"
  rebuild split-app "$i"
  rebuild own-assembly "$i"
done

# The generator's time as the compiler reports it (warm server), best of three. ReportAnalyzer
# prints, per generator, "<seconds>   <percent>   BatchGen.Generator.BatchGenGenerator".
for i in 1 2 3; do
  sed -i "s|// edit [0-9a-z]*|// edit r$i|" "$work/complete/Program.cs"
  dotnet build "$work/complete" -c Release -nologo -v d -p:UseSharedCompilation=true -p:ReportAnalyzer=true > "$work/report.txt" 2>&1
  grep -E '^\s*[0-9.,<]+\s+[0-9<]+\s+BatchGen\.Generator\.BatchGenGenerator' "$work/report.txt" | head -1 | awk '{print $1}' | tr -d '<' >> "$work/analyzer.txt" || true
done

# openapi-typescript 7.13 on the same file, whole process, best of three, in the same run.
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund openapi-typescript@7.13 >/dev/null)
for i in 1 2 3; do
  start=$(date +%s%N)
  "$work/node_modules/.bin/openapi-typescript" "$full" -o "$work/openai.d.ts" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))" >> "$work/ts.txt"
done

# The generated C# the complete spec's build compiles.
dotnet build "$repo/bench/BatchGen.Harness" -c Release -o "$work/harness" -nologo -v q >/dev/null
size="$(dotnet "$work/harness/BatchGen.Harness.dll" "$full" "$work/generated" 2>/dev/null | tail -1)"

python3 - "$work/samples.txt" "$runs" "$work/analyzer.txt" "$work/ts.txt" "$size" <<'PY'
import statistics, sys
samples = {}
for line in open(sys.argv[1]):
    name, ms = line.split()
    samples.setdefault(name, []).append(int(ms))
m = {k: statistics.median(v) for k, v in samples.items()}
gen = [float(x.replace(',', '.')) for x in open(sys.argv[3]).read().split() if x]
ts = [int(x) / 1000 for x in open(sys.argv[4]).read().split()]
print(f"runs: {sys.argv[2]} each, interleaved, medians; compiler server on (-p:UseSharedCompilation=true)")
print("| rebuild after a one-line C# edit | specs/openai.yaml (ms) | complete spec (ms) | ratio |")
print("|---|---|---|---|")
print(f"| dotnet build, Release | {m['small']:.0f} | {m['complete']:.0f} | {m['complete'] / m['small']:.2f}x |")
print()
print("| the complete spec in a library project of its own, C# edit in the app project | app rebuild (ms) | ratio to specs/openai.yaml in one project |")
print("|---|---|---|")
print(f"| dotnet build of the app, Release | {m['split-app']:.0f} | {m['split-app'] / m['small']:.2f}x |")
print()
print("| the complete spec in the same project, compiled into an assembly of its own (BatchGenAssembly) | rebuild (ms) | ratio to specs/openai.yaml |")
print("|---|---|---|")
print(f"| dotnet build, Release | {m['own-assembly']:.0f} | {m['own-assembly'] / m['small']:.2f}x |")
print()
print("| complete spec, best of 3 | seconds |")
print("|---|---|")
print(f"| BatchGen generator inside the compiler (ReportAnalyzer, server warm) | {min(gen):.3f} |" if gen else "| BatchGen generator inside the compiler | not reported |")
print(f"| openapi-typescript 7.13, whole process | {min(ts):.3f} |")
if gen:
    print(f"| ratio | {min(gen) / min(ts):.2f}x |")
print()
print(f"generated C#: {sys.argv[5]}")
PY
