using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Tests.Conformance;

/// <summary>
/// A JSON value valid for a schema, built from the schema itself: its <c>const</c>, <c>enum</c>,
/// <c>default</c> or (for patterns it cannot satisfy) its <c>example</c>, else a value of its type
/// within its bounds. With <see cref="AllMembers"/> off, objects get only their required properties.
/// </summary>
public sealed class SchemaSampler
{
    private const int MaxDepth = 64;

    /// <summary>The references being sampled, outermost first: a reference met again is a cycle, cut there.</summary>
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    public SchemaSampler(bool allMembers) => AllMembers = allMembers;

    public bool AllMembers { get; }

    public JsonNode? Sample(IOpenApiSchema? schema) => Sample(schema, 0);

    private JsonNode? Sample(IOpenApiSchema? schema, int depth)
    {
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference?.Id ?? string.Empty;
            if (!_inProgress.Add(id))
            {
                return null;
            }

            try
            {
                return Sample(reference.Target, depth + 1);
            }
            finally
            {
                _inProgress.Remove(id);
            }
        }

        if (schema.Const is { } constant)
        {
            return JsonValue.Create(constant);
        }

        if (schema.Enum is { Count: > 0 } values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts)
            {
                if (Sample(part, depth + 1) is JsonObject piece)
                {
                    foreach (var property in piece.ToList())
                    {
                        piece.Remove(property.Key);
                        merged[property.Key] = property.Value;
                    }
                }
            }

            foreach (var property in ObjectOf(schema, depth).ToList())
            {
                merged[property.Key] = property.Value?.DeepClone();
            }

            return merged;
        }

        var variants = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf;
        if (variants is { Count: > 0 })
        {
            var variant = variants.FirstOrDefault(v => v is not null && TypeOf(v) != JsonSchemaType.Null);
            if (schema.Properties is { Count: > 0 } && variant is not null && variant is not OpenApiSchemaReference)
            {
                // Properties beside a oneOf of "required" lists: the object, with the first list's
                // members, and without those only another list requires (one of them, not both).
                var others = variants.Where(v => v is not null && !ReferenceEquals(v, variant)).SelectMany(v => v.Required ?? new HashSet<string>());
                return ObjectOf(schema, depth, variant, others.Except(variant.Required ?? new HashSet<string>()).ToHashSet());
            }

            return Sample(variant, depth + 1);
        }

        var type = TypeOf(schema);
        switch (type)
        {
            case JsonSchemaType.String:
                return JsonValue.Create(StringFor(schema));
            case JsonSchemaType.Integer:
                return JsonValue.Create((long)Bounded(schema, 1));
            case JsonSchemaType.Number:
                return JsonValue.Create(Bounded(schema, 1.5));
            case JsonSchemaType.Boolean:
                // False: a true "stream" would ask for an event stream.
                return JsonValue.Create(false);
            case JsonSchemaType.Array:
                var array = new JsonArray();
                var count = Math.Max(1, schema.MinItems ?? 1);
                for (var i = 0; i < count; i++)
                {
                    array.Add(Sample(schema.Items, depth + 1));
                }

                return array;
            case JsonSchemaType.Null:
                return null;
            default:
                return ObjectOf(schema, depth);
        }
    }

    private JsonObject ObjectOf(IOpenApiSchema schema, int depth, IOpenApiSchema? variant = null, HashSet<string>? excluded = null)
    {
        excluded ??= new HashSet<string>();
        // not: {required: [a, b]} forbids sending them together: keep the first.
        if (schema.Not?.Required is { Count: > 1 } together)
        {
            excluded.UnionWith(together.Skip(1).Where(name => !(schema.Required ?? new HashSet<string>()).Contains(name)));
        }

        var result = new JsonObject();
        var required = new HashSet<string>(schema.Required ?? new HashSet<string>(), StringComparer.Ordinal);
        required.UnionWith(variant?.Required ?? new HashSet<string>());
        var properties = new Dictionary<string, IOpenApiSchema>(schema.Properties ?? new Dictionary<string, IOpenApiSchema>());
        foreach (var added in variant?.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            properties[added.Key] = added.Value;
        }

        foreach (var property in properties)
        {
            var target = property.Value is OpenApiSchemaReference r ? r.Target : property.Value;
            if (target?.ReadOnly == true || excluded.Contains(property.Key) || (!AllMembers && !required.Contains(property.Key)))
            {
                continue;
            }

            var value = Sample(property.Value, depth + 1);
            if (value is not null || required.Contains(property.Key))
            {
                result[property.Key] = value;
            }
        }

        if (AllMembers && schema.AdditionalProperties is { } extra && result.Count == 0)
        {
            result["key"] = Sample(extra, depth + 1);
        }

        return result;
    }

    private static JsonSchemaType? TypeOf(IOpenApiSchema schema)
    {
        if (schema.Type is not { } type)
        {
            return schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null;
        }

        var withoutNull = type & ~JsonSchemaType.Null;
        return withoutNull == 0 ? JsonSchemaType.Null
            : (withoutNull & JsonSchemaType.String) != 0 ? JsonSchemaType.String
            : (withoutNull & JsonSchemaType.Integer) != 0 ? JsonSchemaType.Integer
            : (withoutNull & JsonSchemaType.Number) != 0 ? JsonSchemaType.Number
            : (withoutNull & JsonSchemaType.Boolean) != 0 ? JsonSchemaType.Boolean
            : (withoutNull & JsonSchemaType.Array) != 0 ? JsonSchemaType.Array
            : JsonSchemaType.Object;
    }

    private static string StringFor(IOpenApiSchema schema)
    {
        if (schema.Pattern is not null && ExampleOf(schema) is JsonValue example && example.TryGetValue<string>(out var text))
        {
            return text;
        }

        var value = schema.Format switch
        {
            "date-time" => "2024-01-01T00:00:00Z",
            "date" => "2024-01-01",
            "time" => "12:00:00",
            "uri" or "url" => "https://example.com/a",
            "email" => "user@example.com",
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "byte" => "AAAA",
            _ => "string",
        };
        if (schema.MinLength is { } min && value.Length < min)
        {
            value = value.PadRight(min, 's');
        }

        if (schema.MaxLength is { } max && value.Length > max)
        {
            value = value.Substring(0, Math.Max(1, max));
        }

        return value;
    }

    /// <summary>The schema's first example (3.1 <c>examples</c>, or 3.0's <c>example</c>).</summary>
    private static JsonNode? ExampleOf(IOpenApiSchema schema)
    {
        if (schema.Examples is { Count: > 0 } examples)
        {
            return examples[0];
        }

#pragma warning disable CS0618 // 3.0 specs still use the single example
        return schema.Example;
#pragma warning restore CS0618
    }

    private static double Bounded(IOpenApiSchema schema, double preferred)
    {
        var value = preferred;
        if (Parse(schema.Minimum) is { } minimum && value < minimum)
        {
            value = minimum;
        }

        if (Parse(schema.ExclusiveMinimum) is { } exclusiveMinimum && value <= exclusiveMinimum)
        {
            value = exclusiveMinimum + 1;
        }

        if (Parse(schema.Maximum) is { } maximum && value > maximum)
        {
            value = maximum;
        }

        return value;
    }

    private static double? Parse(string? number)
        => double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
