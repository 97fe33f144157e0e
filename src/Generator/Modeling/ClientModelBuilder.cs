using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>
/// Turns an <see cref="OpenApiDocument"/> into a <see cref="ClientModel"/>: one record per object
/// schema (component or inline), one forward-compatible enum per string enum, one operation model
/// per path operation. Everything is decided by the spec's structure; no schema is special-cased.
/// </summary>
public sealed class ClientModelBuilder
{
    private const string JsonContentType = "application/json";

    /// <summary>Members every generated record or enum struct already has, or that BatchGen adds.</summary>
    private static readonly string[] s_reservedMembers =
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers",
        "Clone", "MemberwiseClone", "Finalize", "ReferenceEquals", "JsonConverter",
    };

    /// <summary>
    /// Type names that would equal a member of the type itself (CS0542): the nested converter, the
    /// members records and unions always have. Such a schema's type gets "Schema" added.
    /// </summary>
    private static readonly HashSet<string> s_reservedTypeNames = new(StringComparer.Ordinal)
    {
        "JsonConverter", "Equals", "GetHashCode", "ToString", "GetType", "EqualityContract", "Deconstruct", "PrintMembers",
        "Clone", "MemberwiseClone", "Finalize", "ReferenceEquals", "Value", "Unknown", "IsUnknown", "FromUnknown", "IsKnown",
    };

    private string ClaimTypeName(string name)
        => _typeNames.Claim(s_reservedTypeNames.Contains(name) ? name + "Schema" : name);

    private static readonly HttpMethod[] s_methodOrder =
    {
        HttpMethod.Get, HttpMethod.Put, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Head,
        new("PATCH"), HttpMethod.Trace,
    };

    private readonly OpenApiDocument _document;
    private readonly SpecOptions _options;
    private readonly string _specPath;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ModelProblem> _problems = new();
    private readonly NameScope _typeNames = new();
    private readonly Dictionary<string, (TypeKind Kind, string Name)> _componentTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRef> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliasesInProgress = new(StringComparer.Ordinal);

    // One generated type per inline schema object, however it is reached: through an allOf merge a
    // schema can contain itself (a property of A that is allOf [{...}, $ref A]), and building it
    // anew each time would never end.
    private readonly Dictionary<IOpenApiSchema, TypeRef> _inlineTypes = new(ReferenceEqualityComparer<IOpenApiSchema>.Instance);

    /// <summary>
    /// Deeper inline nesting than this becomes JsonElement. A stack overflow cannot be caught and
    /// would take the compiler down with it; no real spec comes near.
    /// </summary>
    private const int MaxNesting = 256;
    private int _nesting;
    private readonly List<ObjectTypeModel> _objects = new();
    private readonly List<EnumTypeModel> _enums = new();
    private readonly List<UnionTypeModel> _unions = new();
    private string _clientName = string.Empty;

    public ClientModelBuilder(OpenApiDocument document, SpecOptions options, string specPath, CancellationToken cancellationToken)
    {
        _document = document;
        _options = options;
        _specPath = specPath;
        _cancellationToken = cancellationToken;
    }

    public IReadOnlyList<ModelProblem> Problems => _problems;

    public ClientModel Build()
    {
        var clientName = _clientName = ResolveClientName();
        var ns = ResolveNamespace();
        _typeNames.Claim(clientName);
        _typeNames.Claim(clientName + "JsonContext");

        var schemas = _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();

        // Components claim their names before any inline schema, so "Batch" is never "Batch2".
        foreach (var pair in schemas)
        {
            if (pair.Value is null)
            {
                continue;
            }

            var kind = Classify(pair.Value);
            if (kind is TypeKind.Object or TypeKind.Enum or TypeKind.Union)
            {
                _componentTypes[pair.Key] = (kind, ClaimTypeName(Naming.ToPascalCase(pair.Key, "Schema")));
            }
        }

        var selected = SelectOperations(EnumerateOperations());
        var reachable = IsFiltered ? SchemaReachability.ComponentsUsedBy(selected.Select(o => o.Operation), selected.Select(o => o.PathItem), _cancellationToken) : null;

        foreach (var pair in schemas)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!_componentTypes.TryGetValue(pair.Key, out var type) || (reachable is not null && !reachable.Contains(pair.Key)))
            {
                continue;
            }

            var pointer = SpecPointer.Append("#/components/schemas", pair.Key);
            switch (type.Kind)
            {
                case TypeKind.Object:
                    BuildObject(type.Name, pair.Value, pointer);
                    break;
                case TypeKind.Enum:
                    BuildEnum(type.Name, pair.Value, pointer);
                    break;
                default:
                    BuildUnion(type.Name, pair.Value, pointer);
                    break;
            }
        }

        var operations = BuildOperations(selected);

        return new ClientModel(
            SpecFileName: System.IO.Path.GetFileName(_specPath),
            Namespace: ns,
            ClientName: clientName,
            Title: _document.Info?.Title,
            Description: _document.Info?.Description,
            DefaultServerUrl: DefaultServerUrl(),
            Objects: _objects.ToEquatableArray(),
            Enums: _enums.ToEquatableArray(),
            Unions: _unions.ToEquatableArray(),
            Operations: operations.ToEquatableArray(),
            CancelAndWait: DetectCancelAndWait(operations).ToEquatableArray());
    }

    private string ResolveClientName()
    {
        if (!string.IsNullOrWhiteSpace(_options.ClientName))
        {
            var name = _options.ClientName!.Trim();
            if (IsIdentifier(name))
            {
                return name;
            }

            _problems.Add(new ModelProblem(DiagnosticDescriptors.InvalidConfiguration, null, new object?[] { SpecOptions.ClientNameMetadata, name, "it is not a C# identifier" }));
        }

        // "OpenAI API" → "OpenAIClient": the title without a trailing "API", plus "Client".
        var title = _document.Info?.Title ?? "Api";
        var words = title.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && string.Equals(words[words.Count - 1], "API", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(words.Count - 1);
        }

        var stem = Naming.ToPascalCase(string.Join(" ", words), "Api");
        return stem.EndsWith("Client", StringComparison.Ordinal) ? stem : stem + "Client";
    }

    private string ResolveNamespace()
    {
        foreach (var (candidate, source) in new[] { (_options.Namespace, SpecOptions.NamespaceMetadata), (_options.RootNamespace, "RootNamespace") })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            var trimmed = candidate!.Trim();
            if (trimmed.Split('.').All(IsIdentifier))
            {
                return trimmed;
            }

            _problems.Add(new ModelProblem(DiagnosticDescriptors.InvalidConfiguration, null, new object?[] { source, trimmed, "it is not a valid C# namespace" }));
        }

        return "BatchGen.Generated";
    }

    private static bool IsIdentifier(string text)
        => text.Length > 0
           && (char.IsLetter(text[0]) || text[0] == '_')
           && text.All(c => char.IsLetterOrDigit(c) || c == '_')
           && !Naming.IsKeyword(text);

    private string? DefaultServerUrl()
    {
        var server = _document.Servers?.FirstOrDefault();
        if (server?.Url is null)
        {
            return null;
        }

        var url = server.Url;
        foreach (var variable in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            url = url.Replace("{" + variable.Key + "}", variable.Value.Default ?? string.Empty);
        }

        return url;
    }

    // ---- schemas ---------------------------------------------------------------------------

    /// <summary>What a schema becomes: a generated record, a generated enum, or (anything else) an alias for another type.</summary>
    private TypeKind Classify(IOpenApiSchema schema)
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

        if (UnionVariants(schema) is { Count: > 1 })
        {
            return TypeKind.Union;
        }

        return TypeKind.Json;
    }

    /// <summary>The non-null variants of a <c>oneOf</c>/<c>anyOf</c> that is only that (no own properties), or null.</summary>
    private static List<(IOpenApiSchema Schema, string Keyword, int Index)>? UnionVariants(IOpenApiSchema schema)
    {
        var anyOf = schema.AnyOf is { Count: > 0 };
        var variants = anyOf ? schema.AnyOf : schema.OneOf;
        if (variants is not { Count: > 0 } || HasOwnProperties(schema) || schema.AllOf is { Count: > 0 })
        {
            return null;
        }

        var keyword = anyOf ? "anyOf" : "oneOf";
        return variants.Select((v, i) => (v, keyword, i)).Where(v => v.v is not null && !IsNullSchema(v.v)).ToList();
    }

    private static bool HasOwnProperties(IOpenApiSchema schema)
        => schema.Properties is { Count: > 0 } && (schema.Type is null || (schema.Type.Value & JsonSchemaType.Object) != 0);

    private static bool IsMergedAllOf(IOpenApiSchema schema)
        => schema.AllOf is { Count: > 1 } || (schema.AllOf is { Count: 1 } && schema.Properties is { Count: > 0 });

    private static bool IsStringEnum(IOpenApiSchema schema)
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

    private static bool IsNullable(IOpenApiSchema schema)
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

    private static bool IsNullSchema(IOpenApiSchema schema)
        => schema.Type == JsonSchemaType.Null;

    /// <summary>Resolves the C# type of a schema used at <paramref name="pointer"/>; inline object and enum schemas get a generated type named <paramref name="contextName"/>.</summary>
    private TypeRef Resolve(IOpenApiSchema? schema, string contextName, string pointer)
    {
        if (_nesting >= MaxNesting)
        {
            _problems.Add(new ModelProblem(DiagnosticDescriptors.UnsupportedConstruct, pointer, new object?[] { $"A schema nested more than {MaxNesting} levels deep", pointer, "as JsonElement" }));
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

        var nullable = IsNullable(schema);

        var variants = schema.AnyOf is { Count: > 0 } ? schema.AnyOf : schema.OneOf;
        var variantKeyword = schema.AnyOf is { Count: > 0 } ? "anyOf" : "oneOf";
        if (variants is { Count: > 0 } && !HasOwnProperties(schema) && schema.AllOf is not { Count: > 0 })
        {
            var nonNull = variants.Where(v => v is not null && !IsNullSchema(v)).ToList();
            var hasNull = nonNull.Count < variants.Count;
            if (nonNull.Count == 1)
            {
                var index = variants.IndexOf(nonNull[0]);
                return Resolve(nonNull[0], contextName, $"{pointer}/{variantKeyword}/{index}").WithNullable(nullable || hasNull);
            }

            if (nonNull.Count == 0)
            {
                return TypeRef.Json.WithNullable(true);
            }

            var unionName = ClaimTypeName(contextName);
            _inlineTypes[schema] = TypeRef.Generated(TypeKind.Union, unionName, hasNull);
            BuildUnion(unionName, schema, pointer);
            return TypeRef.Generated(TypeKind.Union, unionName, nullable || hasNull);
        }

        if (schema.AllOf is { Count: 1 } single && !HasOwnProperties(schema))
        {
            return Resolve(single[0], contextName, pointer + "/allOf/0").WithNullable(nullable);
        }

        if (_inlineTypes.TryGetValue(schema, out var known))
        {
            return known.WithNullable(nullable || known.IsNullable);
        }

        if (IsStringEnum(schema))
        {
            var name = ClaimTypeName(contextName);
            _inlineTypes[schema] = TypeRef.Generated(TypeKind.Enum, name);
            BuildEnum(name, schema, pointer);
            return TypeRef.Generated(TypeKind.Enum, name, nullable);
        }

        if (HasOwnProperties(schema) || IsMergedAllOf(schema))
        {
            var name = ClaimTypeName(contextName);
            _inlineTypes[schema] = TypeRef.Generated(TypeKind.Object, name);
            BuildObject(name, schema, pointer);
            return TypeRef.Generated(TypeKind.Object, name, nullable);
        }

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
                _problems.Add(new ModelProblem(DiagnosticDescriptors.UnsupportedConstruct, pointer, new object?[] { $"A schema of several types ({type})", pointer, "as JsonElement: read the value with System.Text.Json" }));
                return TypeRef.Json.WithNullable(nullable);
        }
    }

    private TypeRef ResolveReference(OpenApiSchemaReference reference, string pointer)
    {
        var id = reference.Reference?.Id ?? string.Empty;
        if (reference.UnresolvedReference || reference.Target is null)
        {
            _problems.Add(new ModelProblem(DiagnosticDescriptors.UnresolvedReference, pointer + "/$ref", new object?[] { pointer, "#/components/schemas/" + id }));
            return TypeRef.Json.WithNullable(true);
        }

        if (_componentTypes.TryGetValue(id, out var type))
        {
            var nullable = IsNullable(reference.Target) || (type.Kind == TypeKind.Union && (reference.Target.AnyOf ?? reference.Target.OneOf ?? new List<IOpenApiSchema>()).Any(IsNullSchema));
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

    private void BuildObject(string typeName, IOpenApiSchema schema, string pointer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var members = new NameScope(s_reservedMembers.Concat(new[] { typeName }));
        var properties = new List<PropertyModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (propertyName, propertySchema, required, propertyPointer) in CollectProperties(schema, pointer))
        {
            if (!seen.Add(propertyName))
            {
                continue;
            }

            // Clashing with the type itself (CS0542) or a member records already have: add "Value".
            // Clashing with a sibling ("api_key" and "apiKey"): numbered in spec order by the scope.
            var pascal = Naming.ToPascalCase(propertyName);
            if (pascal == typeName || s_reservedMembers.Contains(pascal))
            {
                pascal += "Value";
            }

            var memberName = members.Claim(pascal);
            var type = Resolve(propertySchema, typeName + Naming.ToPascalCase(propertyName), propertyPointer);
            var constant = ConstantOf(propertySchema, type);
            var nullable = type.IsNullable || !required;
            properties.Add(new PropertyModel(
                Name: memberName,
                JsonName: propertyName,
                Type: type.WithNullable(nullable && constant is null),
                IsRequired: required,
                Description: DescriptionOf(propertySchema),
                IsDeprecated: propertySchema.Deprecated,
                ConstantValue: constant));
        }

        _objects.Add(new ObjectTypeModel(typeName, pointer, DescriptionOf(schema), properties.ToEquatableArray()));
    }

    private static readonly string[] s_reservedUnionMembers =
    {
        "Value", "Unknown", "IsUnknown", "FromUnknown", "JsonConverter", "Equals", "GetHashCode", "ToString", "GetType",
    };

    private void BuildUnion(string typeName, IOpenApiSchema schema, string pointer)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var discriminator = schema.Discriminator?.PropertyName;
        var mapping = schema.Discriminator?.Mapping ?? new Dictionary<string, OpenApiSchemaReference>();
        var accessors = new NameScope(s_reservedUnionMembers.Concat(new[] { typeName }));
        var seen = new HashSet<TypeRef>();
        var variants = new List<UnionVariantModel>();
        foreach (var (variant, keyword, index) in UnionVariants(schema) ?? new List<(IOpenApiSchema, string, int)>())
        {
            var context = typeName + (string.IsNullOrWhiteSpace(variant.Title) ? "Variant" + (index + 1).ToString(CultureInfo.InvariantCulture) : Naming.ToPascalCase(variant.Title!));
            var type = Resolve(variant, context, $"{pointer}/{keyword}/{index}").WithNullable(false);
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

        _unions.Add(new UnionTypeModel(typeName, pointer, DescriptionOf(schema), discriminator, variants.ToEquatableArray()));
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
            else if (target?.Enum is { Count: 1 } single && StringValue(single[0]) is { } value)
            {
                fixedValues.Add((name, value));
            }
        }

        return (required.Distinct(StringComparer.Ordinal).ToList(), fixedValues);
    }

    private static string AccessorName(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum or TypeKind.Union => type.Name!,
        TypeKind.Array => AccessorName(type.Element!) + "List",
        TypeKind.Map => AccessorName(type.Element!) + "Map",
        TypeKind.UnixTime => "UnixTime",
        TypeKind.DateTime => "DateTime",
        _ => type.Kind.ToString(),
    };

    private static string ShapeOf(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Map => "Object",
        TypeKind.Array => "Array",
        TypeKind.String or TypeKind.Enum or TypeKind.DateTime or TypeKind.Guid or TypeKind.Uri or TypeKind.Bytes => "String",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.UnixTime => "Integer",
        TypeKind.Single or TypeKind.Double or TypeKind.Decimal => "Number",
        TypeKind.Boolean => "Boolean",
        _ => "Any",
    };

    /// <summary>Own properties first, then those merged in from <c>allOf</c> parts (references followed).</summary>
    private IEnumerable<(string Name, IOpenApiSchema Schema, bool Required, string Pointer)> CollectProperties(IOpenApiSchema schema, string pointer)
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

    private string? ConstantOf(IOpenApiSchema schema, TypeRef type)
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

        if (type.Kind == TypeKind.Enum && target.Enum is { Count: 1 } single && StringValue(single[0]) is { } text)
        {
            return text;
        }

        return null;
    }

    private void BuildEnum(string typeName, IOpenApiSchema schema, string pointer)
    {
        var members = new NameScope(s_reservedMembers.Concat(new[] { typeName }));
        var values = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<EnumMemberModel>();
        foreach (var node in schema.Enum ?? new List<JsonNode>())
        {
            if (StringValue(node) is not { } text || !values.Add(text))
            {
                continue;
            }

            var pascal = text.Length == 0 ? "Empty" : Naming.ToPascalCase(text);
            if (pascal == typeName || s_reservedMembers.Contains(pascal))
            {
                pascal += "Value";
            }

            result.Add(new EnumMemberModel(members.Claim(pascal), text));
        }

        _enums.Add(new EnumTypeModel(typeName, pointer, DescriptionOf(schema), result.ToEquatableArray()));
    }

    /// <summary>The string of a JSON string value, whether the node wraps a string or a JsonElement.</summary>
    private static string? StringValue(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture)
            : null;

    private static string? DescriptionOf(IOpenApiSchema schema)
    {
        var text = schema.Description;
        if (string.IsNullOrWhiteSpace(text) && schema is OpenApiSchemaReference { Target: { } target })
        {
            text = target.Description;
        }

        if (string.IsNullOrWhiteSpace(text) && (schema.AnyOf ?? schema.OneOf) is { } variants)
        {
            text = variants.Select(v => v.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        }

        return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
    }

    // ---- operations ------------------------------------------------------------------------

    private sealed record OperationSite(string Path, IOpenApiPathItem PathItem, HttpMethod Method, OpenApiOperation Operation)
    {
        public string Id => string.IsNullOrWhiteSpace(Operation.OperationId) ? Method.Method + " " + Path : Operation.OperationId!;
    }

    private bool IsFiltered => SpecOptions.SplitList(_options.Tags).Length > 0 || SpecOptions.SplitList(_options.Operations).Length > 0;

    /// <summary>Every operation, in path order then a fixed method order, so output is stable.</summary>
    private List<OperationSite> EnumerateOperations()
    {
        var result = new List<OperationSite>();
        foreach (var path in _document.Paths ?? new OpenApiPaths())
        {
            if (path.Value.Operations is not { } operations)
            {
                continue;
            }

            foreach (var method in s_methodOrder)
            {
                if (operations.TryGetValue(method, out var operation))
                {
                    result.Add(new OperationSite(path.Key, path.Value, method, operation));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Applies <c>BatchGenTags</c> and <c>BatchGenOperations</c>: an operation is kept when it has
    /// one of the tags or is one of the operations (case-insensitive). No filter keeps everything.
    /// </summary>
    private List<OperationSite> SelectOperations(List<OperationSite> all)
    {
        var tags = SpecOptions.SplitList(_options.Tags);
        var ids = SpecOptions.SplitList(_options.Operations);
        if (tags.Length == 0 && ids.Length == 0)
        {
            return all;
        }

        var tagSet = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase);
        var idSet = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var usedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var selected = new List<OperationSite>();
        foreach (var site in all)
        {
            var operationTags = (site.Operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name ?? t.Reference?.Id).Where(t => t is not null).ToList();
            var byTag = operationTags.Where(t => tagSet.Contains(t!)).ToList();
            var byId = idSet.Contains(site.Id);
            usedTags.UnionWith(byTag!);
            if (byId)
            {
                usedIds.Add(site.Id);
            }

            if (byTag.Count > 0 || byId)
            {
                selected.Add(site);
            }
        }

        foreach (var tag in tags.Where(t => !usedTags.Contains(t)))
        {
            _problems.Add(new ModelProblem(DiagnosticDescriptors.FilterMatchesNothing, null, new object?[] { SpecOptions.TagsMetadata, tag }));
        }

        foreach (var id in ids.Where(i => !usedIds.Contains(i)))
        {
            _problems.Add(new ModelProblem(DiagnosticDescriptors.FilterMatchesNothing, null, new object?[] { SpecOptions.OperationsMetadata, id }));
        }

        return selected;
    }

    private List<OperationModel> BuildOperations(List<OperationSite> sites)
    {
        var result = new List<OperationModel>();
        // Methods live on the client class: its name and its own members are taken (CS0542, CS0102).
        var methodNames = new NameScope(new[] { _clientName, "Dispose", "BaseAddress", "DefaultBaseAddress", "Equals", "GetHashCode", "ToString", "GetType" });
        foreach (var site in sites)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var pointer = SpecPointer.Append("#/paths", site.Path) + "/" + site.Method.Method.ToLowerInvariant();
            var methodName = methodNames.Claim(Naming.ToPascalCase(site.Id, "Operation"));
            var interfaceName = _typeNames.Claim("I" + methodName);
            result.Add(BuildOperation(site.Operation, site.PathItem, site.Path, site.Method, pointer, site.Id, methodName, interfaceName));
        }

        return result;
    }

    private OperationModel BuildOperation(OpenApiOperation operation, IOpenApiPathItem pathItem, string path, HttpMethod method, string pointer, string id, string methodName, string interfaceName)
    {
        // Locals of the generated method bodies are taken, so no parameter can shadow them.
        var parameterNames = new NameScope(new[] { "cancellationToken", "apiRequest", "bodyValue", "pageCursor", "pageResult", "pageItems", "pageItem", "nextCursor", "progress", "polling", "cancelledResource", "polled", "pollToken" });
        var parameters = new List<ParameterModel>();
        foreach (var (parameter, parameterPointer) in MergedParameters(pathItem, operation, path, pointer))
        {
            if (parameter.In is not { } location || location == Microsoft.OpenApi.ParameterLocation.Cookie || string.IsNullOrEmpty(parameter.Name))
            {
                _problems.Add(new ModelProblem(DiagnosticDescriptors.UnsupportedConstruct, parameterPointer, new object?[] { $"The {parameter.In?.ToString().ToLowerInvariant() ?? "unplaced"} parameter '{parameter.Name}'", parameterPointer, "without it: cookie parameters are not sent" }));
                continue;
            }

            var modelLocation = location switch
            {
                Microsoft.OpenApi.ParameterLocation.Path => Model.ParameterLocation.Path,
                Microsoft.OpenApi.ParameterLocation.Header => Model.ParameterLocation.Header,
                _ => Model.ParameterLocation.Query,
            };
            var required = parameter.Required || modelLocation == Model.ParameterLocation.Path;
            var type = Resolve(parameter.Schema, methodName + Naming.ToPascalCase(parameter.Name!), parameterPointer + "/schema");
            parameters.Add(new ParameterModel(
                Name: parameterNames.Claim(Naming.ToCamelCase(parameter.Name!)),
                WireName: parameter.Name!,
                Location: modelLocation,
                // A path segment cannot be null, whatever the schema says; other parameters are left out when null.
                Type: type.WithNullable(modelLocation != Model.ParameterLocation.Path && (type.IsNullable || !required)),
                IsRequired: required,
                Description: string.IsNullOrWhiteSpace(parameter.Description) ? null : parameter.Description!.Trim()));
        }

        RequestBodyModel? body = null;
        if (operation.RequestBody is { } requestBody)
        {
            body = BuildRequestBody(requestBody, methodName, pointer + "/requestBody", parameterNames);
        }

        var response = BuildResponse(operation, methodName, pointer + "/responses");
        var sorted = parameters
            .OrderBy(p => p.Location == Model.ParameterLocation.Path ? 0 : p.IsRequired ? 1 : 2)
            .ToList();

        return new OperationModel(
            OperationId: id,
            MethodName: methodName,
            InterfaceName: interfaceName,
            HttpMethod: method.Method.ToUpperInvariant(),
            Path: path,
            Summary: Clean(operation.Summary),
            Description: Clean(operation.Description),
            IsDeprecated: operation.Deprecated,
            Parameters: sorted.ToEquatableArray(),
            Body: body,
            Response: response,
            Paging: DetectPaging(sorted, response));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    private static IEnumerable<(IOpenApiParameter Parameter, string Pointer)> MergedParameters(IOpenApiPathItem pathItem, OpenApiOperation operation, string path, string operationPointer)
    {
        var merged = new List<(IOpenApiParameter, string)>();
        var index = 0;
        foreach (var parameter in pathItem.Parameters ?? new List<IOpenApiParameter>())
        {
            merged.Add((parameter, SpecPointer.Append("#/paths", path) + "/parameters/" + index++));
        }

        index = 0;
        foreach (var parameter in operation.Parameters ?? new List<IOpenApiParameter>())
        {
            // An operation-level parameter overrides a path-level one with the same name and location.
            merged.RemoveAll(p => p.Item1.Name == parameter.Name && p.Item1.In == parameter.In);
            merged.Add((parameter, operationPointer + "/parameters/" + index++));
        }

        return merged;
    }

    private RequestBodyModel? BuildRequestBody(IOpenApiRequestBody requestBody, string methodName, string pointer, NameScope parameterNames)
    {
        var content = requestBody.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var json = content.FirstOrDefault(c => IsJson(c.Key));
        if (json.Value is not null)
        {
            var schemaPointer = SpecPointer.Append(pointer + "/content", json.Key) + "/schema";
            var type = Resolve(json.Value.Schema, methodName + "Request", schemaPointer);
            return new RequestBodyModel(parameterNames.Claim("request"), type.WithNullable(!requestBody.Required), requestBody.Required, JsonContentType, Clean(requestBody.Description));
        }

        var first = content.FirstOrDefault();
        if (first.Key is null)
        {
            return null;
        }

        _problems.Add(new ModelProblem(DiagnosticDescriptors.UnsupportedConstruct, pointer, new object?[] { $"A '{first.Key}' request body", pointer, "as an HttpContent parameter: build it (e.g. MultipartFormDataContent) and pass it; it is buffered once so retries re-send it intact" }));
        return new RequestBodyModel(parameterNames.Claim("content"), TypeRef.Json, requestBody.Required, first.Key, Clean(requestBody.Description), IsRawContent: true);
    }

    private ResponseModel BuildResponse(OpenApiOperation operation, string methodName, string pointer)
    {
        var responses = operation.Responses ?? new OpenApiResponses();
        var success = responses
            .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (KeyValuePair<string, IOpenApiResponse>?)r)
            .FirstOrDefault();
        if (success is not { } chosen)
        {
            return new ResponseModel(null, null);
        }

        var content = chosen.Value.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var json = content.FirstOrDefault(c => IsJson(c.Key));
        var responsePointer = SpecPointer.Append(pointer, chosen.Key);
        if (json.Value is not null)
        {
            var type = Resolve(json.Value.Schema, methodName + "Response", SpecPointer.Append(responsePointer + "/content", json.Key) + "/schema");
            return new ResponseModel(type, Clean(chosen.Value.Description));
        }

        if (content.Count > 0)
        {
            _problems.Add(new ModelProblem(DiagnosticDescriptors.UnsupportedConstruct, responsePointer, new object?[] { $"A '{content.First().Key}' response", responsePointer, "as the raw body bytes (byte[])" }));
            return new ResponseModel(TypeRef.Primitive(TypeKind.Bytes), Clean(chosen.Value.Description));
        }

        return new ResponseModel(null, Clean(chosen.Value.Description));
    }

    private static bool IsJson(string contentType)
        => contentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase)
           || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cancel-and-wait pairs, recognized by shape (see <see cref="CancelAndWaitModel"/>).</summary>
    private List<CancelAndWaitModel> DetectCancelAndWait(List<OperationModel> operations)
    {
        var result = new List<CancelAndWaitModel>();
        foreach (var cancel in operations.Where(o => o.HttpMethod == "POST" && o.Path.EndsWith("/cancel", StringComparison.Ordinal) && o.Body is not { IsRequired: true }))
        {
            var resourcePath = cancel.Path.Substring(0, cancel.Path.Length - "/cancel".Length);
            var retrieve = operations.FirstOrDefault(o => o.HttpMethod == "GET" && o.Path == resourcePath && o.Response.Type == cancel.Response.Type);
            if (retrieve is null || cancel.Response.Type is not { Kind: TypeKind.Object, IsNullable: false } resourceType)
            {
                continue;
            }

            var resource = _objects.FirstOrDefault(o => o.Name == resourceType.Name);
            var status = resource?.Properties.FirstOrDefault(p => p.JsonName == "status" && p.Type.Kind is TypeKind.Enum or TypeKind.String && !p.Type.IsNullable);
            var pathParameters = cancel.Parameters.Where(p => p.Location == Model.ParameterLocation.Path).ToList();
            var samePathParameters = pathParameters.Select(p => (p.WireName, p.Type)).SequenceEqual(retrieve.Parameters.Where(p => p.Location == Model.ParameterLocation.Path).Select(p => (p.WireName, p.Type)));
            if (status is null || !samePathParameters || cancel.Parameters.Any(p => p.IsRequired && p.Location != Model.ParameterLocation.Path))
            {
                continue;
            }

            var values = status.Type.Kind == TypeKind.Enum
                ? _enums.First(e => e.Name == status.Type.Name).Members.Select(m => m.Value)
                : Enumerable.Empty<string>();
            var transitional = values.Where(IsTransitional).ToList();
            if (transitional.Count == 0)
            {
                continue;
            }

            result.Add(new CancelAndWaitModel(
                cancel.MethodName + "AndWait",
                cancel.MethodName,
                retrieve.MethodName,
                resourceType,
                status.Name,
                status.Type,
                pathParameters.ToEquatableArray(),
                transitional.ToEquatableArray()));
        }

        return result;
    }

    /// <summary>A status still on the move: "cancelling", "in_progress", "queued"…</summary>
    private static bool IsTransitional(string status)
        => status.EndsWith("ing", StringComparison.OrdinalIgnoreCase)
           || status.IndexOf("progress", StringComparison.OrdinalIgnoreCase) >= 0
           || status is "queued" or "pending";

    /// <summary>
    /// Cursor paging, recognized by shape: an <c>after</c> query parameter, and a response object
    /// with one item array, a boolean <c>has_more</c>, and optionally <c>last_id</c>.
    /// </summary>
    private PagingModel? DetectPaging(List<ParameterModel> parameters, ResponseModel response)
    {
        var cursor = parameters.FirstOrDefault(p => p.Location == Model.ParameterLocation.Query && p.WireName == "after" && p.Type.Kind == TypeKind.String);
        if (cursor is null || response.Type is not { Kind: TypeKind.Object } responseType)
        {
            return null;
        }

        var page = _objects.FirstOrDefault(o => o.Name == responseType.Name);
        if (page is null)
        {
            return null;
        }

        var arrays = page.Properties.Where(p => p.Type.Kind == TypeKind.Array).ToList();
        var items = arrays.FirstOrDefault(p => p.JsonName == "data") ?? (arrays.Count == 1 ? arrays[0] : null);
        var hasMore = page.Properties.FirstOrDefault(p => p.JsonName is "has_more" or "hasMore" && p.Type.Kind == TypeKind.Boolean);
        if (items is null || hasMore is null)
        {
            return null;
        }

        var lastId = page.Properties.FirstOrDefault(p => p.JsonName is "last_id" or "lastId" && p.Type.Kind == TypeKind.String);
        var itemType = items.Type.Element!;
        var itemObject = itemType.Kind == TypeKind.Object ? _objects.FirstOrDefault(o => o.Name == itemType.Name) : null;
        var itemId = itemObject?.Properties.FirstOrDefault(p => p.JsonName == "id" && p.Type.Kind == TypeKind.String);
        if (lastId is null && itemId is null)
        {
            return null;
        }

        return new PagingModel(cursor.Name, items.Name, itemType, hasMore.Name, lastId?.Name, itemId?.Name);
    }
}
