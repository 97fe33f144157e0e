using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>
/// Questions about one schema that need nothing but the schema: what kind of C# type it becomes,
/// whether it is nullable, which variants a union has. Pure functions, so the builder's stateful
/// parts stay small and these can be reasoned about alone.
/// </summary>
internal static class SchemaClassifier
{
    /// <summary>What a component schema becomes: a generated record, enum or union, or (anything else) an alias for another type.</summary>
    public static TypeKind Classify(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference)
        {
            return TypeKind.Json; // an alias of another component
        }

        if (IsStringEnum(schema))
        {
            return TypeKind.Enum;
        }

        if (HasOwnProperties(schema) || IsMergedAllOf(schema))
        {
            return TypeKind.Object;
        }

        if (UnionOf(schema) is { Variants.Count: > 1 })
        {
            return TypeKind.Union;
        }

        return TypeKind.Json;
    }

    /// <summary>
    /// The variants of a schema that is only a <c>oneOf</c>/<c>anyOf</c> (no own properties, no
    /// <c>allOf</c>), or null. The one place that reads union keywords: <c>anyOf</c> wins when both
    /// are non-empty; an empty list counts as absent.
    /// </summary>
    public static UnionShape? UnionOf(IOpenApiSchema schema)
    {
        var useAnyOf = schema.AnyOf is { Count: > 0 };
        var all = useAnyOf ? schema.AnyOf : schema.OneOf;
        if (all is not { Count: > 0 } || HasOwnProperties(schema) || schema.AllOf is { Count: > 0 })
        {
            return null;
        }

        var variants = new List<UnionVariant>();
        var hasNull = false;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i] is null || IsNullSchema(all[i]))
            {
                hasNull = true;
                continue;
            }

            variants.Add(new UnionVariant(all[i], i));
        }

        return new UnionShape(useAnyOf ? "anyOf" : "oneOf", variants, hasNull);
    }

    public static bool HasOwnProperties(IOpenApiSchema schema)
        => schema.Properties is { Count: > 0 } && (schema.Type is null || (schema.Type.Value & JsonSchemaType.Object) != 0);

    public static bool IsMergedAllOf(IOpenApiSchema schema)
        => (schema.AllOf is { Count: > 1 } || (schema.AllOf is { Count: 1 } && schema.Properties is { Count: > 0 }))
           && AnnotatedReference(schema) is null;

    /// <summary>
    /// The one real part of an <c>allOf</c> whose other parts only annotate it:
    /// <c>allOf: [{$ref: X}, {nullable: true}]</c>, OpenAPI 3.0's way to make a reference nullable
    /// or describe it (a <c>$ref</c> could have no siblings). Such a schema is X, of whatever kind X
    /// is; it is not a new type. Null when the schema is anything else.
    /// </summary>
    public static IOpenApiSchema? AnnotatedReference(IOpenApiSchema schema)
    {
        if (schema.AllOf is not { Count: > 0 } parts || !IsAnnotationOnly(schema, ignoreAllOf: true))
        {
            return null;
        }

        IOpenApiSchema? real = null;
        foreach (var part in parts)
        {
            if (part is null || (part is not OpenApiSchemaReference && IsAnnotationOnly(part, ignoreAllOf: false)))
            {
                continue;
            }

            if (real is not null)
            {
                return null; // two real parts: a merge
            }

            real = part;
        }

        return real;
    }

    /// <summary>Whether an annotated reference is nullable: the wrapper or any annotation part says so.</summary>
    public static bool IsAnnotatedNullable(IOpenApiSchema schema)
        => IsNullable(schema) || (schema.AllOf ?? new List<IOpenApiSchema>()).Any(p => p is not null and not OpenApiSchemaReference && IsAnnotationOnly(p, ignoreAllOf: false) && IsNullable(p));

    /// <summary>A schema that constrains nothing: only <c>nullable</c>, <c>description</c>, <c>title</c>, <c>default</c>, <c>readOnly</c>, examples and the like.</summary>
    private static bool IsAnnotationOnly(IOpenApiSchema schema, bool ignoreAllOf)
        => schema is not OpenApiSchemaReference
           && (schema.Type is null || schema.Type == JsonSchemaType.Null)
           && schema.Properties is not { Count: > 0 }
           && schema.Items is null
           && schema.AdditionalProperties is null
           && (ignoreAllOf || schema.AllOf is not { Count: > 0 })
           && schema.AnyOf is not { Count: > 0 }
           && schema.OneOf is not { Count: > 0 }
           && schema.Not is null
           && schema.Enum is not { Count: > 0 }
           && schema.Const is null
           && schema.Format is null
           && schema.Required is not { Count: > 0 }
           && schema.Discriminator is null;

    public static bool IsStringEnum(IOpenApiSchema schema)
    {
        if (schema.Enum is not { Count: > 0 } values)
        {
            return false;
        }

        var type = schema.Type;
        if (type is not null && (type.Value & ~JsonSchemaType.Null) != JsonSchemaType.String)
        {
            return false;
        }

        var anyString = false;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value is not JsonValue scalar || scalar.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                return false;
            }

            anyString = true;
        }

        return anyString;
    }

    /// <summary>
    /// The value of an inline string enum that allows exactly one value (<c>enum: [batch]</c>), or
    /// null; a <c>$ref</c> to a named enum is not one, whatever it lists.
    /// </summary>
    public static string? SingleStringValue(IOpenApiSchema schema)
        => schema is not OpenApiSchemaReference && schema.Enum is { Count: 1 } values && IsStringEnum(schema)
            ? StringValue(values[0])
            : null;

    public static bool IsNullable(IOpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & JsonSchemaType.Null) != 0)
        {
            return true;
        }

        // Microsoft.OpenApi 3.x keeps 3.0's "nullable: true" as an unrecognized keyword in a 3.1 document.
        if (schema.UnrecognizedKeywords is { } extra
            && extra.TryGetValue("nullable", out var nullable)
            && nullable is JsonValue flag
            && flag.TryGetValue<bool>(out var isNullable))
        {
            return isNullable;
        }

        return schema.Enum is { } values && values.Any(v => v is null);
    }

    public static bool IsNullSchema(IOpenApiSchema schema)
        => schema.Type == JsonSchemaType.Null;

    /// <summary>The string of a JSON string value, whether the node wraps a string or a JsonElement.</summary>
    public static string? StringValue(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture)
            : null;

    /// <summary>The schema's description, else its target's, else its first variant's.</summary>
    public static string? DescriptionOf(IOpenApiSchema schema)
    {
        var text = schema.Description;
        if (string.IsNullOrWhiteSpace(text) && schema is OpenApiSchemaReference { Target: { } target })
        {
            text = target.Description;
        }

        if (string.IsNullOrWhiteSpace(text) && UnionOf(schema) is { } union)
        {
            text = union.Variants.Select(v => v.Schema.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        }

        return Clean(text);
    }

    /// <summary>Spec text trimmed, or null when there is none.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}

/// <summary>A schema's union keyword, its non-null variants with their index in the spec's list, and whether a null variant was listed.</summary>
internal sealed record UnionShape(string Keyword, IReadOnlyList<UnionVariant> Variants, bool HasNull);

internal readonly record struct UnionVariant(IOpenApiSchema Schema, int Index);
