#!/usr/bin/env python3
"""Lists the survivors and uncovered mutants of a Stryker JSON report, one line each with the
source line and the replacement, grouped by file, for explaining them in bench/results/mutation.md.

    python3 bench/mutation-survivors.py artifacts/mutation/runtime/reports/mutation-report.json
"""
import json
import sys

report = json.load(open(sys.argv[1]))
for path, data in sorted(report["files"].items()):
    left = [m for m in data["mutants"] if m["status"] in ("Survived", "NoCoverage")]
    if not left:
        continue
    lines = data["source"].split("\n")
    print(f"## {path.split('/src/')[-1]} ({len(left)})")
    for m in sorted(left, key=lambda m: m["location"]["start"]["line"]):
        line = m["location"]["start"]["line"]
        status = "survived" if m["status"] == "Survived" else "no coverage"
        code = lines[line - 1].strip()[:100]
        replacement = " ".join((m.get("replacement") or "").split())[:70]
        print(f"- {line} {status}, {m['mutatorName']}: `{code}` -> `{replacement}`")
    print()
