using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>
/// Turns an <see cref="OpenApiDocument"/> into a <see cref="ClientModel"/>: one record per object
/// schema (component or inline), one forward-compatible enum per string enum, one union per
/// <c>oneOf</c>/<c>anyOf</c>, one operation model per path operation. Everything is decided by the
/// spec's structure; no schema is special-cased. Conventions found by shape (paging, waits) are
/// passes over the finished model (<see cref="Conventions.ModelConventions"/>), not done here.
/// </summary>
/// <remarks>
/// One partial file per concern: <c>.Identity</c> (client name, namespace, server),
/// <c>.TypeResolution</c> (schema → <see cref="TypeRef"/>), <c>.Types</c> (records, enums, unions),
/// <c>.Operations</c> (operations, filters, parameters, bodies, responses).
/// </remarks>
public sealed partial class ClientModelBuilder
{
    private readonly OpenApiDocument _document;
    private readonly SpecOptions _options;
    private readonly string _specPath;
    private readonly CancellationToken _cancellationToken;
    private readonly List<SpecProblem> _problems;

    /// <summary>Type names in the generated namespace.</summary>
    private readonly NameScope _typeNames = new();

    private readonly List<ObjectTypeModel> _objects = new();
    private readonly List<EnumTypeModel> _enums = new();
    private readonly List<UnionTypeModel> _unions = new();
    private List<SecuritySchemeModel> _schemes = new();
    private EquatableArray<SecurityRequirementModel> _defaultSecurity = EquatableArray<SecurityRequirementModel>.Empty;

    private ClientModelBuilder(OpenApiDocument document, SpecOptions options, string specPath, List<SpecProblem> problems, CancellationToken cancellationToken)
    {
        _document = document;
        _options = options;
        _specPath = specPath;
        _problems = problems;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Builds the model; problems found on the way are added to <paramref name="problems"/>.</summary>
    public static ClientModel Build(OpenApiDocument document, SpecOptions options, string specPath, List<SpecProblem> problems, CancellationToken cancellationToken)
        => new ClientModelBuilder(document, options, specPath, problems, cancellationToken).Build();

    private ClientModel Build()
    {
        var identity = ResolveIdentity();
        var schemes = BuildSecuritySchemes();
        _defaultSecurity = BuildSecurity(_document.Security, schemes) ?? EquatableArray<SecurityRequirementModel>.Empty;
        _schemes = schemes;
        ClaimComponentTypeNames();
        var selected = SelectOperations(EnumerateOperations());
        BuildComponentTypes(ReachableComponents(selected));
        var operations = BuildOperations(selected);

        return new ClientModel(
            SpecFileName: System.IO.Path.GetFileName(_specPath),
            Namespace: identity.Namespace,
            ClientName: identity.ClientName,
            Title: _document.Info?.Title,
            Description: _document.Info?.Description,
            DefaultServerUrl: identity.DefaultServerUrl,
            Objects: _objects.ToEquatableArray(),
            Enums: _enums.ToEquatableArray(),
            Unions: _unions.ToEquatableArray(),
            Operations: operations.ToEquatableArray(),
            Waits: EquatableArray<WaitModel>.Empty,
            JsonContext: NameJsonContext(identity.ClientName),
            EnvironmentPrefix: ResolveEnvironmentPrefix(identity.ClientName),
            Conventions: ResolveConventions(),
            SecuritySchemes: schemes.ToEquatableArray(),
            Security: _defaultSecurity,
            TagGroups: BuildTagGroups(operations));
    }

    /// <summary>
    /// One group per tag the operations carry, in the spec's tag order (then first use), with its
    /// interface name claimed among the types. Operations without tags stay on the client alone.
    /// </summary>
    private EquatableArray<TagGroupModel> BuildTagGroups(List<OperationModel> operations)
    {
        var declared = (_document.Tags ?? new HashSet<OpenApiTag>()).Where(t => t.Name is not null).ToList();
        var order = declared.Select(t => t.Name!).Concat(operations.SelectMany(o => o.Tags)).Distinct(System.StringComparer.Ordinal).ToList();
        var groups = new List<TagGroupModel>();
        foreach (var tag in order)
        {
            var members = operations.Where(o => o.Tags.Contains(tag)).Select(o => o.InterfaceName).ToEquatableArray();
            if (members.Count == 0)
            {
                continue;
            }

            var description = SchemaClassifier.Clean(declared.FirstOrDefault(t => t.Name == tag)?.Description);
            groups.Add(new TagGroupModel(tag, ClaimTypeName(GeneratedNames.TagInterface(Naming.ToPascalCase(tag, "Tag"))), string.Empty, description, members));
        }

        return groups.ToEquatableArray();
    }

    private IDictionary<string, IOpenApiSchema> ComponentSchemas
        => _document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();

    /// <summary>Components claim their names before any inline schema, so "Batch" is never "Batch2".</summary>
    private void ClaimComponentTypeNames()
    {
        foreach (var pair in ComponentSchemas)
        {
            if (pair.Value is null)
            {
                continue;
            }

            var kind = SchemaClassifier.Classify(pair.Value);
            if (kind is TypeKind.Object or TypeKind.Enum or TypeKind.Union)
            {
                _componentTypes[pair.Key] = (kind, ClaimTypeName(Naming.ToPascalCase(pair.Key, "Schema")));
            }
        }
    }

    /// <summary>With a tag or operation filter, only the components the selected operations reach; else null (all).</summary>
    private HashSet<string>? ReachableComponents(List<OperationSite> selected)
        => IsFiltered
            ? SchemaReachability.ComponentsUsedBy(selected.Select(o => o.Operation), selected.Select(o => o.PathItem), _cancellationToken)
            : null;

    private void BuildComponentTypes(HashSet<string>? reachable)
    {
        foreach (var pair in ComponentSchemas)
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
    }

    /// <summary>The JSON context's properties are named after the types; one that clashes with the context's own members is numbered.</summary>
    private JsonContextModel NameJsonContext(string clientName)
    {
        var contextName = GeneratedNames.JsonContext(clientName);
        var members = new NameScope(GeneratedNames.JsonContextMembers.Concat(new[] { contextName }));
        var entries = _objects.Select(o => o.Name).Concat(_enums.Select(e => e.Name)).Concat(_unions.Select(u => u.Name))
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .Select(type => new JsonContextEntry(type, members.Claim(GeneratedNames.JsonContextMembers.Contains(type) || type == contextName ? type + "TypeInfo" : type)))
            .ToEquatableArray();
        return new JsonContextModel(contextName, entries);
    }

    private string ClaimTypeName(string name)
        => _typeNames.Claim(GeneratedNames.ReservedTypeNames.Contains(name) ? name + GeneratedNames.ReservedTypeSuffix : name);

    private void Report(DiagnosticDescriptor descriptor, string? pointer, params object?[] messageArgs)
        => _problems.Add(SpecProblem.At(descriptor, pointer, messageArgs));
}
