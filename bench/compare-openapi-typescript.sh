#!/usr/bin/env bash
# Whole-process comparison, side by side in one run: BatchGen's generator (a fresh .NET process,
# as a command-line build's compiler) against openapi-typescript 7.13 (npm) on the same spec.
# Wall time and peak memory from /usr/bin/time -v, RUNS runs each, interleaved; medians and ratios.
#   bench/compare-openapi-typescript.sh [SPEC]    (default: ../shared/openai-openapi/openapi.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
spec="$(realpath "${1:-../shared/openai-openapi/openapi.yaml}")"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build bench/BatchGen.Harness -c Release -o "$work/harness" -nologo -v q >/dev/null
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund openapi-typescript@7.13 >/dev/null)

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  local wall rss
  wall="$(sed -nE 's/.*Elapsed \(wall clock\) time.*: (.*)/\1/p' "$work/time.txt")"
  rss="$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$work/time.txt")"
  echo "$name $wall $rss" >> "$work/samples.txt"
}

# One warm-up each (disk cache, npm's first start), then interleaved runs.
measure warmup-batchgen dotnet "$work/harness/BatchGen.Harness.dll" "$spec" "$work/cs"
measure warmup-ts "$work/node_modules/.bin/openapi-typescript" "$spec" -o "$work/ts/openai.d.ts"
for i in $(seq "$runs"); do
  measure batchgen dotnet "$work/harness/BatchGen.Harness.dll" "$spec" "$work/cs"
  measure openapi-typescript "$work/node_modules/.bin/openapi-typescript" "$spec" -o "$work/ts/openai.d.ts"
done

python3 - "$work/samples.txt" "$spec" "$runs" <<'PY'
import statistics, sys
def seconds(text):
    parts = [float(p) for p in text.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
samples = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    if not name.startswith("warmup"):
        samples.setdefault(name, []).append((seconds(wall), int(rss) / 1024))
b, t = samples["batchgen"], samples["openapi-typescript"]
bw, bm = statistics.median(w for w, _ in b), statistics.median(m for _, m in b)
tw, tm = statistics.median(w for w, _ in t), statistics.median(m for _, m in t)
print(f"spec: {sys.argv[2]}  runs: {sys.argv[3]} each, interleaved, medians")
print("| tool | wall (s) | peak memory (MiB) |")
print("|---|---|---|")
print(f"| BatchGen generator, whole process | {bw:.2f} | {bm:.0f} |")
print(f"| openapi-typescript 7.13 | {tw:.2f} | {tm:.0f} |")
print(f"| ratio BatchGen / openapi-typescript | {bw / tw:.2f}x | {bm / tm:.2f}x |")
PY
