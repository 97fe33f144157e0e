using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchGen.Generator.Tests.Fuzz;

/// <summary>One mutant: the spec text, the file name it is given (.yaml or .json) and what was done.</summary>
public sealed record Mutant(int Seed, string FileName, string Text, string Description);

/// <summary>
/// Deterministic spec mutations: the same seed always gives the same mutant. Tree mutations
/// (delete, duplicate, retype, swap $refs, odd names and enum values, new types, unions, nullable)
/// are written back as JSON, named .json or .yaml; text mutations (lines deleted, duplicated,
/// re-indented, tabs, truncation, garbage) exercise the YAML reader.
/// </summary>
public static class SpecMutator
{
    private static readonly string[] s_oddNames =
    {
        "object", "class", "event", "namespace", "static", "2fa", "api_key.created", "", "名前", "[DONE]", "Equals",
        "JsonConverter", "ToString", "a b", "A", "a", "_", "__", "value", "Value", "@x", "x-y", "$ref", "null", "true",
    };

    private static readonly string[] s_oddValues =
    {
        "/v1/chat/completions", "[DONE]", "audio/pcm", "babbage-002", "", " ", "Value", "24h", "in_progress", "IN_PROGRESS",
        "\"quoted\"", "back\\slash", "new\nline", "ümlaut", "\u0001",
    };

    private static readonly string[] s_types = { "string", "integer", "number", "boolean", "object", "array", "null", "bogus" };

    public static Mutant Mutate(int seed, string baseName, JsonObject baseDocument, string baseYaml)
    {
        var random = new Random(seed);
        if (random.Next(4) == 0)
        {
            var (text, what) = MutateText(random, baseYaml);
            return new Mutant(seed, baseName + ".yaml", text, what);
        }

        var document = (JsonObject)baseDocument.DeepClone();
        var steps = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            steps.Add(MutateTree(random, document));
        }

        var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        return new Mutant(seed, baseName + (random.Next(2) == 0 ? ".json" : ".yaml"), json, string.Join("; ", steps));
    }

    private sealed record Site(JsonNode? Node, JsonNode Parent, string? Key, int Index);

    private static List<Site> Sites(JsonNode root)
    {
        var sites = new List<Site>();
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is JsonObject obj)
            {
                foreach (var property in obj)
                {
                    sites.Add(new Site(property.Value, obj, property.Key, -1));
                    if (property.Value is not null)
                    {
                        pending.Push(property.Value);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    sites.Add(new Site(array[i], array, null, i));
                    if (array[i] is not null)
                    {
                        pending.Push(array[i]!);
                    }
                }
            }
        }

        return sites;
    }

    private static void Replace(Site site, JsonNode? value)
    {
        if (site.Key is not null)
        {
            ((JsonObject)site.Parent)[site.Key] = value;
        }
        else
        {
            ((JsonArray)site.Parent)[site.Index] = value;
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static JsonNode? RandomValue(Random random, JsonObject document) => random.Next(8) switch
    {
        0 => JsonValue.Create(Pick(random, s_oddValues)),
        1 => JsonValue.Create(random.Next(-5, 100)),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => null,
        4 => new JsonObject(),
        5 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        6 => new JsonObject { ["type"] = Pick(random, s_types) },
        _ => new JsonObject { ["$ref"] = "#/components/schemas/" + (random.Next(3) == 0 ? "Missing" : Pick(random, SchemaNames(document))) },
    };

    private static IReadOnlyList<string> SchemaNames(JsonObject document)
        => document["components"]?["schemas"] is JsonObject schemas && schemas.Count > 0 ? schemas.Select(p => p.Key).ToList() : new List<string> { "Missing" };

    private static string MutateTree(Random random, JsonObject document)
    {
        var sites = Sites(document);
        if (sites.Count == 0)
        {
            return "empty";
        }

        switch (random.Next(10))
        {
            case 0:
            {
                var site = Pick(random, sites);
                if (site.Key is not null)
                {
                    ((JsonObject)site.Parent).Remove(site.Key);
                }
                else
                {
                    ((JsonArray)site.Parent).RemoveAt(site.Index);
                }

                return $"delete {site.Key ?? site.Index.ToString()}";
            }

            case 1:
            {
                var site = Pick(random, sites.Where(s => s.Key is not null).ToList());
                var obj = (JsonObject)site.Parent;
                var name = site.Key + "_copy";
                if (!obj.ContainsKey(name))
                {
                    obj[name] = site.Node?.DeepClone();
                }

                return $"duplicate {site.Key}";
            }

            case 2:
            {
                var site = Pick(random, sites);
                Replace(site, RandomValue(random, document));
                return $"retype {site.Key ?? site.Index.ToString()}";
            }

            case 3:
            {
                var refs = sites.Where(s => s.Key == "$ref").ToList();
                if (refs.Count == 0)
                {
                    goto case 2;
                }

                var site = Pick(random, refs);
                var target = random.Next(4) == 0 ? "#/components/schemas/Missing" : random.Next(4) == 0 ? "#/nowhere/at/all" : "#/components/schemas/" + Pick(random, SchemaNames(document));
                Replace(site, JsonValue.Create(target));
                return $"ref -> {target}";
            }

            case 4:
            {
                var owners = sites.Where(s => s.Key is "properties" or "schemas" && s.Node is JsonObject { Count: > 0 }).ToList();
                if (owners.Count == 0)
                {
                    goto case 2;
                }

                var owner = (JsonObject)Pick(random, owners).Node!;
                var old = Pick(random, owner.Select(p => p.Key).ToList());
                var name = Pick(random, s_oddNames);
                if (!owner.ContainsKey(name))
                {
                    var value = owner[old];
                    owner.Remove(old);
                    owner[name] = value;
                }

                return $"rename {old} -> '{name}'";
            }

            case 5:
            {
                var enums = sites.Where(s => s.Key == "enum" && s.Node is JsonArray).ToList();
                if (enums.Count == 0)
                {
                    goto case 6;
                }

                var value = Pick(random, s_oddValues);
                ((JsonArray)Pick(random, enums).Node!).Add(random.Next(5) == 0 ? JsonValue.Create(7) : JsonValue.Create(value));
                return $"enum += '{value}'";
            }

            case 6:
            {
                var types = sites.Where(s => s.Key == "type").ToList();
                if (types.Count == 0)
                {
                    goto case 2;
                }

                var site = Pick(random, types);
                JsonNode replacement = random.Next(3) == 0
                    ? new JsonArray(JsonValue.Create(Pick(random, s_types)), JsonValue.Create(Pick(random, s_types)))
                    : JsonValue.Create(Pick(random, s_types))!;
                Replace(site, replacement);
                return $"type -> {replacement.ToJsonString()}";
            }

            case 7:
            {
                var schemas = sites.Where(s => s.Node is JsonObject o && (o.ContainsKey("type") || o.ContainsKey("$ref"))).ToList();
                if (schemas.Count == 0)
                {
                    goto case 2;
                }

                var site = Pick(random, schemas);
                var keyword = Pick(random, new[] { "anyOf", "oneOf", "allOf" });
                var other = random.Next(2) == 0 ? new JsonObject { ["type"] = "null" } : new JsonObject { ["$ref"] = "#/components/schemas/" + Pick(random, SchemaNames(document)) };
                Replace(site, new JsonObject { [keyword] = new JsonArray(site.Node!.DeepClone(), other) });
                return $"wrap in {keyword}";
            }

            case 8:
            {
                var schemas = sites.Where(s => s.Node is JsonObject o && o.ContainsKey("type")).ToList();
                if (schemas.Count == 0)
                {
                    goto case 2;
                }

                var schema = (JsonObject)Pick(random, schemas).Node!;
                var keyword = Pick(random, new[] { "nullable", "const", "additionalProperties", "discriminator", "required", "format", "items", "prefixItems" });
                schema[keyword] = keyword switch
                {
                    "nullable" => JsonValue.Create(true),
                    "const" => JsonValue.Create(Pick(random, s_oddValues)),
                    "discriminator" => new JsonObject { ["propertyName"] = "type" },
                    "required" => new JsonArray(JsonValue.Create("missing_property")),
                    "format" => JsonValue.Create(Pick(random, new[] { "unixtime", "date-time", "int32", "int64", "binary", "uuid", "weird" })),
                    _ => RandomValue(random, document),
                };
                return $"add {keyword}";
            }

            default:
            {
                // Drop a schema that others may refer to.
                if (document["components"]?["schemas"] is JsonObject schemas && schemas.Count > 0)
                {
                    var name = Pick(random, schemas.Select(p => p.Key).ToList());
                    schemas.Remove(name);
                    return $"remove schema {name}";
                }

                goto case 0;
            }
        }
    }

    private static (string Text, string What) MutateText(Random random, string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(6))
        {
            case 0:
                lines.RemoveAt(line);
                return (string.Join('\n', lines), $"text: delete line {line + 1}");
            case 1:
                lines.Insert(line, lines[line]);
                return (string.Join('\n', lines), $"text: duplicate line {line + 1}");
            case 2:
                lines[line] = random.Next(2) == 0 ? " " + lines[line] : lines[line].TrimStart().PadLeft(Math.Max(0, lines[line].Length - 1));
                return (string.Join('\n', lines), $"text: re-indent line {line + 1}");
            case 3:
                lines[line] = "\t" + lines[line].TrimStart(' ');
                return (string.Join('\n', lines), $"text: tab on line {line + 1}");
            case 4:
                var cut = random.Next(yaml.Length);
                return (yaml.Substring(0, cut), $"text: truncate at {cut}");
            default:
                var garbage = new StringBuilder();
                for (var i = 0; i < 1 + random.Next(8); i++)
                {
                    garbage.Append(Pick(random, new[] { "[", "]", "{", "}", ":", "- ", "&a", "*a", "!!", "|", ">", "#", "'", "\"", "\0", "%", "@", "`" }));
                }

                var position = random.Next(yaml.Length);
                return (yaml.Insert(position, garbage.ToString()), $"text: insert '{garbage}' at {position}");
        }
    }
}
