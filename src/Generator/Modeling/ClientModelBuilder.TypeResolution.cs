using System;
using System.Collections.Generic;
using BatchGen.Generator.Common;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>Schema → <see cref="TypeRef"/>: references, aliases, inline types (built once each), primitives.</summary>
public sealed partial class ClientModelBuilder
{
    /// <summary>
    /// Deeper inline nesting than this becomes JsonElement. A stack overflow cannot be caught and
    /// would take the compiler down with it; no real spec comes near.
    /// </summary>
    private const int MaxNesting = 256;

    private readonly Dictionary<string, (TypeKind Kind, string Name)> _componentTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRef> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliasesInProgress = new(StringComparer.Ordinal);

    // One generated type per inline schema object, however it is reached: through an allOf merge a
    // schema can contain itself (a property of A that is allOf [{...}, $ref A]), and building it
    // anew each time would never end. Objects, enums and unions alike.
    private readonly Dictionary<IOpenApiSchema, TypeRef> _inlineTypes = new(ReferenceEqualityComparer<IOpenApiSchema>.Instance);
    private int _nesting;

    /// <summary>Resolves the C# type of a schema used at <paramref name="pointer"/>; inline object, enum and union schemas get a generated type named <paramref name="contextName"/>.</summary>
    private TypeRef Resolve(IOpenApiSchema? schema, string contextName, string pointer)
    {
        if (_nesting >= MaxNesting)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, pointer, $"A schema nested more than {MaxNesting} levels deep", pointer, "as JsonElement");
            return TypeRef.Json.WithNullable(true);
        }

        _nesting++;
        try
        {
            return ResolveCore(schema, contextName, pointer);
        }
        finally
        {
            _nesting--;
        }
    }

    private TypeRef ResolveCore(IOpenApiSchema? schema, string contextName, string pointer)
    {
        if (schema is null)
        {
            return TypeRef.Json;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            return ResolveReference(reference, pointer);
        }

        var nullable = SchemaClassifier.IsNullable(schema);
        if (_inlineTypes.TryGetValue(schema, out var known))
        {
            return known.WithNullable(nullable || known.IsNullable);
        }

        if (SchemaClassifier.UnionOf(schema) is { } union)
        {
            return ResolveUnion(schema, union, nullable, contextName, pointer);
        }

        if (SchemaClassifier.AnnotatedReference(schema) is { } annotated)
        {
            var index = schema.AllOf!.IndexOf(annotated);
            var type = Resolve(annotated, contextName, $"{pointer}/allOf/{index}");
            return type.WithNullable(type.IsNullable || SchemaClassifier.IsAnnotatedNullable(schema));
        }

        if (schema.AllOf is { Count: 1 } single && !SchemaClassifier.HasOwnProperties(schema))
        {
            return Resolve(single[0], contextName, pointer + "/allOf/0").WithNullable(nullable);
        }

        if (SchemaClassifier.IsStringEnum(schema))
        {
            var name = ClaimTypeName(contextName);
            _inlineTypes[schema] = TypeRef.Generated(TypeKind.Enum, name);
            BuildEnum(name, schema, pointer);
            return TypeRef.Generated(TypeKind.Enum, name, nullable);
        }

        if (SchemaClassifier.HasOwnProperties(schema) || SchemaClassifier.IsMergedAllOf(schema))
        {
            var name = ClaimTypeName(contextName);
            _inlineTypes[schema] = TypeRef.Generated(TypeKind.Object, name);
            BuildObject(name, schema, pointer);
            return TypeRef.Generated(TypeKind.Object, name, nullable);
        }

        return ResolvePrimitive(schema, nullable, contextName, pointer);
    }

    /// <summary>One variant (plus null) is that variant; none is free-form; several are a generated union, built once.</summary>
    private TypeRef ResolveUnion(IOpenApiSchema schema, UnionShape union, bool nullable, string contextName, string pointer)
    {
        if (union.Variants.Count == 1)
        {
            var only = union.Variants[0];
            return Resolve(only.Schema, contextName, $"{pointer}/{union.Keyword}/{only.Index}").WithNullable(nullable || union.HasNull);
        }

        if (union.Variants.Count == 0)
        {
            return TypeRef.Json.WithNullable(true);
        }

        var name = ClaimTypeName(contextName);
        _inlineTypes[schema] = TypeRef.Generated(TypeKind.Union, name, union.HasNull);
        BuildUnion(name, schema, pointer);
        return TypeRef.Generated(TypeKind.Union, name, nullable || union.HasNull);
    }

    private TypeRef ResolvePrimitive(IOpenApiSchema schema, bool nullable, string contextName, string pointer)
    {
        var type = schema.Type is { } t ? t & ~JsonSchemaType.Null : (JsonSchemaType?)null;
        if (type is null && schema.Const is not null)
        {
            type = JsonSchemaType.String;
        }

        switch (type)
        {
            case JsonSchemaType.String:
                return TypeRef.Primitive(schema.Format switch
                {
                    "date-time" => TypeKind.DateTime,
                    "binary" => TypeKind.File,
                    _ => TypeKind.String,
                }, nullable);
            case JsonSchemaType.Integer:
                return TypeRef.Primitive(schema.Format switch
                {
                    "int32" => TypeKind.Int32,
                    "unixtime" => TypeKind.UnixTime,
                    _ => TypeKind.Int64,
                }, nullable);
            case JsonSchemaType.Number:
                return TypeRef.Primitive(schema.Format switch
                {
                    "float" => TypeKind.Single,
                    "decimal" => TypeKind.Decimal,
                    _ => TypeKind.Double,
                }, nullable);
            case JsonSchemaType.Boolean:
                return TypeRef.Primitive(TypeKind.Boolean, nullable);
            case JsonSchemaType.Array:
                return TypeRef.ArrayOf(Resolve(schema.Items, contextName + "Item", pointer + "/items"), nullable);
            case JsonSchemaType.Object:
            case null:
                if (schema.AdditionalProperties is { } valueSchema)
                {
                    return TypeRef.MapOf(Resolve(valueSchema, contextName + "Value", pointer + "/additionalProperties"), nullable);
                }

                // A free-form value ("type: object" with no properties, or no type at all).
                return TypeRef.Json.WithNullable(nullable);
            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, pointer, $"A schema of several types ({type})", pointer, "as JsonElement: read the value with System.Text.Json");
                return TypeRef.Json.WithNullable(nullable);
        }
    }

    private TypeRef ResolveReference(OpenApiSchemaReference reference, string pointer)
    {
        var id = reference.Reference?.Id ?? string.Empty;
        if (reference.UnresolvedReference || reference.Target is null)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, pointer + "/$ref", pointer, "#/components/schemas/" + id);
            return TypeRef.Json.WithNullable(true);
        }

        if (_componentTypes.TryGetValue(id, out var type))
        {
            var nullable = SchemaClassifier.IsNullable(reference.Target)
                || (type.Kind == TypeKind.Union && SchemaClassifier.UnionOf(reference.Target) is { HasNull: true });
            return TypeRef.Generated(type.Kind, type.Name, nullable);
        }

        // A component that is not a type of its own (a map, a nullable wrapper, a primitive): use what it stands for.
        if (_aliases.TryGetValue(id, out var alias))
        {
            return alias;
        }

        if (!_aliasesInProgress.Add(id))
        {
            return TypeRef.Json.WithNullable(true); // a cycle of aliases has no C# shape
        }

        try
        {
            var resolved = Resolve(reference.Target, Naming.ToPascalCase(id, "Schema"), SpecPointer.Append("#/components/schemas", id));
            _aliases[id] = resolved;
            return resolved;
        }
        finally
        {
            _aliasesInProgress.Remove(id);
        }
    }
}
