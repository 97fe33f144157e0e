using BatchGen.Generator.Diagnostics;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Finds component schemas that are only a <c>$ref</c> to another component, in a chain that comes
/// back to itself (<c>A: $ref B</c>, <c>B: $ref A</c>). Such a schema means nothing, and
/// Microsoft.OpenApi throws when it is resolved; each one is reported and replaced by a free-form
/// schema before the reader runs, so the rest of the spec still generates.
/// </summary>
internal static class ReferenceCycles
{
    private const string Prefix = "#/components/schemas/";

    public static void Break(JsonObject document, List<SpecProblem> problems)
    {
        if (document["components"] is not JsonObject components || components["schemas"] is not JsonObject schemas)
        {
            return;
        }

        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in schemas.Select(p => p.Key).ToList())
        {
            var chain = new List<string>();
            var current = start;
            while (current is not null && !inCycle.Contains(current))
            {
                var seenAt = chain.IndexOf(current);
                if (seenAt >= 0)
                {
                    inCycle.UnionWith(chain.Skip(seenAt));
                    break;
                }

                chain.Add(current);
                current = AliasTarget(schemas[current]);
                if (current is not null && !schemas.ContainsKey(current))
                {
                    current = null;
                }
            }
        }

        foreach (var name in inCycle.OrderBy(n => n, StringComparer.Ordinal))
        {
            var target = AliasTarget(schemas[name]);
            problems.Add(SpecProblem.At(
                DiagnosticDescriptors.CircularReference,
                SpecPointer.Append("#/components/schemas", name) + "/$ref",
                $"'{name}' is only a reference to '{target}', which leads back to '{name}'"));
            schemas[name] = new JsonObject();
        }
    }

    /// <summary>The component a schema is an alias of, when it is only a <c>$ref</c> (siblings like description allowed).</summary>
    private static string? AliasTarget(JsonNode? schema)
    {
        if (schema is not JsonObject obj || obj["$ref"] is not JsonValue reference || !reference.TryGetValue<string>(out var text)
            || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        return Uri.UnescapeDataString(text.Substring(Prefix.Length)).Replace("~1", "/").Replace("~0", "~");
    }
}
