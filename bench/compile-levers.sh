#!/usr/bin/env bash
# Where the compiler's time goes on the complete spec's generated code, and what a change to the
# emitted shape would save: generates the code once, writes variants of it that model a lever
# (no doc comments; the same code in few large files; converters that cost nothing; records as
# plain classes; forwarding lambdas as method groups; a shared helper for nullable scalars), and compiles each, interleaved, best of RUNS,
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

# Lever: per-type converter code. Models converters that cost nothing to compile (their ReadValue
# and WriteValue bodies stubbed): the most a table-driven converter could save.
def stub_converter_bodies(text):
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        out.append(lines[i])
        if re.match(r"^        public static .*\b(ReadValue|WriteValue)\(", lines[i]) and i + 1 < len(lines) and lines[i + 1] == "        {":
            j = i + 2
            while lines[j] != "        }":
                j += 1
            out += ["        {", "            throw null!;", "        }"]
            i = j + 1
            continue
        i += 1
    return "\n".join(out)
write("converters-stubbed", {f: stub_converter_bodies(t) for f, t in texts.items()})

# Lever: the members the compiler writes for a record (Equals, GetHashCode, PrintMembers, the copy
# constructor). Models plain classes; the five `request with { Stream = true }` become `request`.
write("records-as-classes", {f: re.sub(r"\brequest with \{ Stream = true \}", "request", t.replace(" partial record ", " partial class ")) for f, t in texts.items()})

# Lever: lambdas that only pass the reader or writer on, as method groups instead.
reader = r"global::System\.Text\.Json\.Utf8JsonReader"
writer = r"global::System\.Text\.Json\.Utf8JsonWriter"
forward_read = re.compile(r"static \(ref " + reader + r" (r\d*)\) => ([A-Za-z_][A-Za-z0-9_.:]*)\(ref \1\)")
forward_write = re.compile(r"static \(" + writer + r" (w\d*), [^)]+? (v\d*)\) => ([A-Za-z_][A-Za-z0-9_.:]*)\(\1, \2\)")
write("method-groups", {f: forward_write.sub(lambda m: m[3], forward_read.sub(lambda m: m[2], t)) for f, t in texts.items()})

# Lever: `reader.TokenType == Null ? default(T?) : JsonRead.X(ref reader)` as one shared helper call.
nullable = re.compile(r"reader\.TokenType == global::System\.Text\.Json\.JsonTokenType\.Null \? default\([^()]*\) : global::BatchGen\.JsonRead\.(String|Int64|Int32|Boolean|Double|UnixTime)\(ref reader\)")
helpers = {f: nullable.sub(lambda m: "global::LeverModel.OrNull." + m[1] + "(ref reader)", t) for f, t in texts.items()}
helpers["zz.LeverModel.cs"] = "namespace LeverModel;\npublic static class OrNull\n{\n" + "".join(
    f"    public static {t}? {n}(ref global::System.Text.Json.Utf8JsonReader r) => r.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : global::BatchGen.JsonRead.{n}(ref r);\n"
    for n, t in [("String", "string"), ("Int64", "long"), ("Int32", "int"), ("Boolean", "bool"), ("Double", "double"), ("UnixTime", "global::System.DateTimeOffset")]) + "}\n"
write("nullable-helpers", helpers)
PY

"${harness[@]}" --compile --runs "$runs" "$work/specs-openai-yaml" "$work/as-generated" "$work/no-doc-comments" "$work/16-files" \
  "$work/converters-stubbed" "$work/records-as-classes" "$work/method-groups" "$work/nullable-helpers"
