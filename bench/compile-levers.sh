#!/usr/bin/env bash
# Where the compiler's time goes on the complete spec's generated code, and what a change to the
# emitted shape would save: generates the code once, writes variants of it that model a lever
# (no doc comments; the same code in few large files), and compiles each, interleaved, best of RUNS,
# timing parse, declaration, binding and emit (BatchGen.Harness --compile). The variants are models
# of a lever, not shipped output: a lever worth it is then made in the emitters and measured by
# bench/complete-spec-rebuild.sh.
#   bench/compile-levers.sh          # needs ../shared/openai-openapi/openapi.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
full="../shared/openai-openapi/openapi.yaml"
if [ ! -f "$full" ]; then
  echo "compile-levers: $full is absent; this benchmark needs ../shared beside the repository." >&2
  exit 2
fi
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/BatchGen.Harness -c Release -v q -nologo >/dev/null
harness=(dotnet bench/BatchGen.Harness/bin/Release/net10.0/BatchGen.Harness.dll)
"${harness[@]}" "$full" "$work/as-generated" 2>/dev/null
"${harness[@]}" specs/openai.yaml "$work/specs-openai-yaml" 2>/dev/null

python3 - "$work" <<'PY'
import os, re, sys
work = sys.argv[1]
src = os.path.join(work, "as-generated")
files = sorted(os.listdir(src))
texts = {f: open(os.path.join(src, f), encoding="utf-8").read() for f in files}

def write(variant, contents):
    out = os.path.join(work, variant)
    os.makedirs(out)
    for name, text in contents.items():
        open(os.path.join(out, name), "w", encoding="utf-8").write(text)

# Lever: doc comments. Models a spec with no descriptions (or an emitter that wrote none).
write("no-doc-comments", {f: "".join(l for l in t.splitlines(True) if not l.lstrip().startswith("///")) for f, t in texts.items()})

# Lever: file count. The same declarations in 16 files, one header each.
header_end = re.compile(r"\A(.*?^namespace [^;]+;\n)", re.S | re.M)
merged = {}
for i, f in enumerate(files):
    text = texts[f]
    m = header_end.match(text)
    key = f"merged.{i % 16:02}.g.cs"
    if key not in merged:
        merged[key] = text
    else:
        merged[key] += "\n" + (text[m.end():] if m else text)
write("16-files", merged)
PY

"${harness[@]}" --compile --runs "$runs" "$work/specs-openai-yaml" "$work/as-generated" "$work/no-doc-comments" "$work/16-files"
