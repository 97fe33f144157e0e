using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using BatchGen.Generator.Common;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>The generated types: records for objects (with <c>allOf</c> merged), enums, unions.</summary>
public sealed partial class ClientModelBuilder
{
    private void BuildObject(string typeName, IOpenApiSchema schema, string pointer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var members = new NameScope(GeneratedNames.ObjectMembers.Concat(new[] { typeName }));
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (propertyName, propertySchema, required, propertyPointer) in CollectProperties(schema, pointer))
        {
            if (!seen.Add(propertyName))
            {
                continue;
            }

            // Clashing with a sibling ("api_key" and "apiKey"): numbered in spec order by the scope.
            var memberName = members.Claim(MemberName(Naming.ToPascalCase(propertyName), typeName, GeneratedNames.ObjectMembers));
            // An inline enum of one value ("object": "batch", a variant's "type") is a string that
            // defaults to that value: a type per such constant would be a thousand types in the
            // complete OpenAI spec, each compiled on every build, that no caller ever names.
            var type = SchemaClassifier.SingleStringValue(propertySchema) is not null
                ? TypeRef.Primitive(TypeKind.String, SchemaClassifier.IsNullable(propertySchema))
                : Resolve(propertySchema, typeName + Naming.ToPascalCase(propertyName), propertyPointer);
            var constant = ConstantOf(propertySchema, type);
            var nullable = type.IsNullable || !required;
            properties.Add(new PropertyModel(
                Name: memberName,
                JsonName: propertyName,
                Type: type.WithNullable(nullable && constant is null),
                IsRequired: required,
                Description: SchemaClassifier.DescriptionOf(propertySchema),
                IsDeprecated: propertySchema.Deprecated,
                ConstantValue: constant));
        }

        _objects.Add(new ObjectTypeModel(typeName, pointer, SchemaClassifier.DescriptionOf(schema), properties.ToEquatableArray()));
    }

    /// <summary>
    /// A member named like its type (CS0542) or like a member the type always has gets
    /// <see cref="GeneratedNames.ReservedMemberSuffix"/>.
    /// </summary>
    private static string MemberName(string pascal, string typeName, IReadOnlyCollection<string> reserved)
        => pascal == typeName || reserved.Contains(pascal) ? pascal + GeneratedNames.ReservedMemberSuffix : pascal;

    private void BuildEnum(string typeName, IOpenApiSchema schema, string pointer)
    {
        var members = new NameScope(GeneratedNames.EnumMembers.Concat(new[] { typeName }));
        var values = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<EnumMemberModel>();
        foreach (var node in schema.Enum ?? new List<JsonNode>())
        {
            if (SchemaClassifier.StringValue(node) is not { } text || !values.Add(text))
            {
                continue;
            }

            result.Add(new EnumMemberModel(members.Claim(MemberName(text.Length == 0 ? "Empty" : Naming.ToPascalCase(text), typeName, GeneratedNames.EnumMembers)), text));
        }

        _enums.Add(new EnumTypeModel(typeName, pointer, SchemaClassifier.DescriptionOf(schema), result.ToEquatableArray()));
    }

    private void BuildUnion(string typeName, IOpenApiSchema schema, string pointer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var discriminator = schema.Discriminator?.PropertyName;
        var mapping = schema.Discriminator?.Mapping ?? new Dictionary<string, OpenApiSchemaReference>();
        var accessors = new NameScope(GeneratedNames.UnionMembers.Concat(new[] { typeName }));
        var seen = new HashSet<TypeRef>();
        var variants = new List<UnionVariantModel>();
        var union = SchemaClassifier.UnionOf(schema);
        foreach (var (variant, index) in union?.Variants ?? Array.Empty<UnionVariant>())
        {
            var context = typeName + (string.IsNullOrWhiteSpace(variant.Title) ? "Variant" + (index + 1).ToString(CultureInfo.InvariantCulture) : Naming.ToPascalCase(variant.Title!));
            var type = Resolve(variant, context, $"{pointer}/{union!.Keyword}/{index}").WithNullable(false);
            if (!seen.Add(type) || (type.Kind == TypeKind.Union && type.Name == typeName))
            {
                continue; // a repeated variant, or the union itself (X = anyOf [X, ...]) adds nothing
            }

            var target = variant is OpenApiSchemaReference r ? r.Target : variant;
            var referenceId = (variant as OpenApiSchemaReference)?.Reference?.Id;
            var (required, fixedValues) = target is null ? (new List<string>(), new List<(string Name, string Value)>()) : RequiredAndFixed(target, pointer);

            var tags = new List<string>();
            foreach (var entry in mapping)
            {
                if (referenceId is not null && entry.Value.Reference?.Id == referenceId)
                {
                    tags.Add(entry.Key);
                }
            }

            if (discriminator is not null)
            {
                tags.AddRange(fixedValues.Where(f => f.Name == discriminator).Select(f => f.Value));
                if (referenceId is not null && mapping.Count == 0)
                {
                    tags.Add(referenceId); // OpenAPI's implicit mapping: the schema's name
                }
            }

            var accessor = accessors.Claim(AccessorName(type));
            variants.Add(new UnionVariantModel(
                accessor,
                type,
                ShapeOf(type),
                tags.Distinct(StringComparer.Ordinal).ToEquatableArray(),
                (type.Kind == TypeKind.Object ? required : new List<string>()).ToEquatableArray(),
                (type.Kind == TypeKind.Object ? fixedValues.SelectMany(f => new[] { f.Name, f.Value }) : Enumerable.Empty<string>()).ToEquatableArray()));
        }

        _unions.Add(new UnionTypeModel(typeName, pointer, SchemaClassifier.DescriptionOf(schema), discriminator, variants.ToEquatableArray()));
    }

    /// <summary>The required property names of an object schema, and its properties fixed to one string value.</summary>
    private (List<string> Required, List<(string Name, string Value)> Fixed) RequiredAndFixed(IOpenApiSchema schema, string pointer)
    {
        var required = new List<string>();
        var fixedValues = new List<(string Name, string Value)>();
        foreach (var (name, propertySchema, isRequired, _) in CollectProperties(schema, pointer))
        {
            if (isRequired)
            {
                required.Add(name);
            }

            var target = propertySchema is OpenApiSchemaReference r ? r.Target : propertySchema;
            if (target?.Const is { } constant)
            {
                fixedValues.Add((name, constant));
            }
            else if (target?.Enum is { Count: 1 } single && SchemaClassifier.StringValue(single[0]) is { } value)
            {
                fixedValues.Add((name, value));
            }
        }

        return (required.Distinct(StringComparer.Ordinal).ToList(), fixedValues);
    }

    /// <summary>The suffix of a union's <c>Is…</c>/<c>As…</c> for a variant of <paramref name="type"/>.</summary>
    private static string AccessorName(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum or TypeKind.Union => type.Name!,
        TypeKind.Array => AccessorName(type.Element!) + "List",
        TypeKind.Map => AccessorName(type.Element!) + "Map",
        TypeKind.UnixTime => "UnixTime",
        TypeKind.DateTime => "DateTime",
        _ => type.Kind.ToString(),
    };

    /// <summary>The runtime's <c>JsonShape</c> a variant of <paramref name="type"/> accepts.</summary>
    private static string ShapeOf(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Map => "Object",
        TypeKind.Array => "Array",
        TypeKind.String or TypeKind.Enum or TypeKind.DateTime or TypeKind.File => "String",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.UnixTime => "Integer",
        TypeKind.Single or TypeKind.Double or TypeKind.Decimal => "Number",
        TypeKind.Boolean => "Boolean",
        _ => "Any",
    };

    /// <summary>Own properties first, then those merged in from <c>allOf</c> parts (references followed).</summary>
    private static IEnumerable<(string Name, IOpenApiSchema Schema, bool Required, string Pointer)> CollectProperties(IOpenApiSchema schema, string pointer)
    {
        var required = new HashSet<string>(schema.Required ?? new HashSet<string>(), StringComparer.Ordinal);
        var collected = new List<(string, IOpenApiSchema, string)>();
        var visited = new HashSet<IOpenApiSchema>();
        Collect(schema, pointer, collected, required, visited);
        foreach (var (name, propertySchema, propertyPointer) in collected)
        {
            yield return (name, propertySchema, required.Contains(name), propertyPointer);
        }
    }

    private static void Collect(IOpenApiSchema schema, string pointer, List<(string, IOpenApiSchema, string)> collected, HashSet<string> required, HashSet<IOpenApiSchema> visited)
    {
        var target = schema is OpenApiSchemaReference reference ? reference.Target : schema;
        if (target is null || !visited.Add(target))
        {
            return;
        }

        if (schema is OpenApiSchemaReference r && r.Reference?.Id is { } id)
        {
            pointer = SpecPointer.Append("#/components/schemas", id);
        }

        foreach (var name in target.Required ?? new HashSet<string>())
        {
            required.Add(name);
        }

        foreach (var property in target.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property.Value is not null)
            {
                collected.Add((property.Key, property.Value, SpecPointer.Append(pointer + "/properties", property.Key)));
            }
        }

        var index = 0;
        foreach (var part in target.AllOf ?? new List<IOpenApiSchema>())
        {
            if (part is not null)
            {
                Collect(part, $"{pointer}/allOf/{index}", collected, required, visited);
            }

            index++;
        }
    }

    /// <summary>The single string value a property's schema allows (<c>const</c>, or a one-value enum), or null.</summary>
    private static string? ConstantOf(IOpenApiSchema schema, TypeRef type)
    {
        var target = schema is OpenApiSchemaReference reference ? reference.Target : schema;
        if (target is null)
        {
            return null;
        }

        if (target.Const is { } constant && type.Kind is TypeKind.String or TypeKind.Enum)
        {
            return constant;
        }

        if (type.Kind is TypeKind.Enum or TypeKind.String && target.Enum is { Count: 1 } single && SchemaClassifier.StringValue(single[0]) is { } text)
        {
            return text;
        }

        return null;
    }
}
