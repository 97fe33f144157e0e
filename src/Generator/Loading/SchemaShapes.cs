using BatchGen.Generator.Diagnostics;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Checks that every place that holds a schema holds an object (or, as JSON Schema allows, a
/// boolean), and that keywords holding several schemas hold a map or a list of them. Microsoft.OpenApi
/// throws a NullReferenceException on a <c>null</c> schema; here each bad one is reported at its
/// pointer and replaced by a free-form schema, so the rest of the spec still generates.
/// </summary>
internal static class SchemaShapes
{
    private static readonly string[] s_schemaMaps = { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" };
    private static readonly string[] s_schemaLists = { "allOf", "anyOf", "oneOf", "prefixItems" };
    private static readonly string[] s_singleSchemas = { "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema" };

    public static void Repair(JsonObject document, List<SpecProblem> problems)
    {
        // Outside schemas, a schema sits under a "schema" key (parameters, media types, headers)
        // or in components.schemas.
        var pending = new Stack<(JsonNode Node, string Pointer)>();
        pending.Push((document, "#"));
        var schemaRoots = new List<(JsonNode Parent, string Key, string Pointer)>();
        while (pending.Count > 0)
        {
            var (node, pointer) = pending.Pop();
            if (node is JsonObject obj)
            {
                foreach (var property in obj.ToList())
                {
                    var child = SpecPointer.Append(pointer, property.Key);
                    if (property.Key == "schema" || (pointer == "#/components" && property.Key == "schemas"))
                    {
                        schemaRoots.Add((obj, property.Key, child));
                    }
                    else if (property.Value is not null && !(pointer == "#" && property.Key == "x-oaiMeta"))
                    {
                        pending.Push((property.Value, child));
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        pending.Push((item, pointer + "/" + i));
                    }
                }
            }
        }

        foreach (var (parent, key, pointer) in schemaRoots)
        {
            var obj = (JsonObject)parent;
            if (key == "schemas")
            {
                CheckMap(obj, key, pointer, problems);
            }
            else
            {
                CheckSchema(obj, key, pointer, problems);
            }
        }
    }

    /// <summary>A place that holds a schema: how to read it, replace it, and where it is.</summary>
    private readonly struct Slot
    {
        public Slot(Func<JsonNode?> get, Action<JsonNode?> set, string pointer)
        {
            Get = get;
            Set = set;
            Pointer = pointer;
        }

        public Func<JsonNode?> Get { get; }

        public Action<JsonNode?> Set { get; }

        public string Pointer { get; }

        public static Slot In(JsonObject owner, string key, string pointer) => new(() => owner[key], v => owner[key] = v, pointer);

        public static Slot In(JsonArray owner, int index, string pointer) => new(() => owner[index], v => owner[index] = v, pointer);
    }

    private static void CheckSchema(JsonObject parent, string key, string pointer, List<SpecProblem> problems)
    {
        var pending = new Stack<Slot>();
        pending.Push(Slot.In(parent, key, pointer));
        while (pending.Count > 0)
        {
            var slot = pending.Pop();
            var value = slot.Get();
            if (value is JsonValue flag && flag.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                // JSON Schema's boolean schemas, which Microsoft.OpenApi reads as null: true allows
                // anything ({}), false allows nothing ({"not": {}}).
                var allowsAnything = flag.GetValueKind() == System.Text.Json.JsonValueKind.True;
                slot.Set(allowsAnything ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() });
                continue;
            }

            if (value is not JsonObject schema)
            {
                Report(problems, slot.Pointer, $"a schema is expected, but the spec has {Describe(value)}; write a schema object; until then this is generated as JsonElement");
                slot.Set(new JsonObject());
                continue;
            }

            foreach (var map in s_schemaMaps)
            {
                if (schema[map] is not { } mapNode)
                {
                    continue;
                }

                if (mapNode is JsonObject entries)
                {
                    foreach (var entry in entries.Select(e => e.Key).ToList())
                    {
                        pending.Push(Slot.In(entries, entry, SpecPointer.Append(SpecPointer.Append(slot.Pointer, map), entry)));
                    }
                }
                else
                {
                    Report(problems, SpecPointer.Append(slot.Pointer, map), $"{map} must be a map of schemas, but the spec has {Describe(mapNode)}; the keyword is ignored");
                    schema.Remove(map);
                }
            }

            foreach (var list in s_schemaLists)
            {
                if (schema[list] is not { } listNode)
                {
                    continue;
                }

                if (listNode is JsonArray items && items.Count > 0)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        pending.Push(Slot.In(items, i, $"{SpecPointer.Append(slot.Pointer, list)}/{i}"));
                    }
                }
                else
                {
                    Report(problems, SpecPointer.Append(slot.Pointer, list), $"{list} must be a non-empty list of schemas, but the spec has {Describe(listNode)}; the keyword is ignored");
                    schema.Remove(list);
                }
            }

            foreach (var single in s_singleSchemas)
            {
                if (schema.ContainsKey(single))
                {
                    pending.Push(Slot.In(schema, single, SpecPointer.Append(slot.Pointer, single)));
                }
            }
        }
    }

    private static void CheckMap(JsonObject parent, string key, string pointer, List<SpecProblem> problems)
    {
        if (parent[key] is not JsonObject map)
        {
            Report(problems, pointer, $"{key} must be a map of schemas, but the spec has {Describe(parent[key])}; it is read as empty");
            parent[key] = new JsonObject();
            return;
        }

        foreach (var name in map.Select(e => e.Key).ToList())
        {
            CheckSchema(map, name, SpecPointer.Append(pointer, name), problems);
        }
    }

    private static void Report(List<SpecProblem> problems, string pointer, string whatAndConsequence)
        => problems.Add(SpecProblem.At(DiagnosticDescriptors.NotASchema, pointer, whatAndConsequence));

    /// <summary>What the spec holds where a schema, list or map belongs, in words for the diagnostic.</summary>
    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray { Count: 0 } => "an empty list",
        JsonArray => "a list",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "a string",
            System.Text.Json.JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };
}
