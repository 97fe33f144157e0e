using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace BatchGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic BatchGen reports. IDs are never reused; each shipped ID is tracked in
/// AnalyzerReleases.Shipped.md. Messages say what is wrong and what to do about it.
/// </summary>
public static class DiagnosticDescriptors
{
    private const string Category = "BatchGen";

    public static readonly DiagnosticDescriptor InvalidSpecSyntax = new(
        id: "BG0001",
        title: "Spec file is not valid YAML or JSON",
        messageFormat: "The OpenAPI spec is not valid {0}: {1}. Fix the syntax at this position; no code was generated from this file.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedSpecVersion = new(
        id: "BG0002",
        title: "Unsupported OpenAPI version",
        messageFormat: "The spec declares {0}, which BatchGen cannot read. Convert it to OpenAPI 3.0 or 3.1; no code was generated from this file.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SpecReaderProblem = new(
        id: "BG0003",
        title: "The OpenAPI reader reported a problem",
        messageFormat: "The OpenAPI reader reported a problem at '{0}': {1}. BatchGen generated what is sound; fix the spec here to silence this warning.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        id: "BG0004",
        title: "Reference to a schema that does not exist",
        messageFormat: "'{0}' refers to '{1}', which the spec does not define. Add the schema or fix the $ref; the member is generated as JsonElement until then.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotAnOpenApiDocument = new(
        id: "BG0005",
        title: "File marked as a spec is not an OpenAPI document",
        messageFormat: "This file carries BatchGen metadata but is not an OpenAPI document: {0}. Add a top-level 'openapi: 3.1.0' key, or remove the BatchGen metadata from the AdditionalFiles item.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GeneratorFailure = new(
        id: "BG0006",
        title: "BatchGen failed on this spec",
        messageFormat: "BatchGen failed while processing this spec ({0}: {1}). No code was generated from this file; please report this with the spec.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateSpecFileName = new(
        id: "BG0007",
        title: "Two specs share a file name",
        messageFormat: "Another spec named '{0}' is already generated in this project, so generated file '{1}' would be written twice. Rename one of the spec files.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidConfiguration = new(
        id: "BG0008",
        title: "Invalid BatchGen configuration",
        messageFormat: "The metadata {0} value '{1}' is not valid: {2}. The default is used instead.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoSpecListed = new(
        id: "BG0009",
        title: "No OpenAPI spec listed",
        messageFormat: "BatchGen is referenced but no OpenAPI spec is listed. Add one to the project with <AdditionalFiles Include=\"specs/openai.yaml\" BatchGenNamespace=\"MyApp.OpenAI\" />.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FilterMatchesNothing = new(
        id: "BG0010",
        title: "A BatchGenTags or BatchGenOperations entry matches no operation",
        messageFormat: "{0} entry '{1}' matches no operation in the spec. Check the spelling; entries are separated by commas.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CircularReference = new(
        id: "BG0011",
        title: "A chain of $ref aliases loops back on itself",
        messageFormat: "{0}, so it describes no value. Point one of them at a real schema; until then it is generated as JsonElement.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotASchema = new(
        id: "BG0012",
        title: "A schema is expected",
        messageFormat: "The OpenAPI document is invalid here: {0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ReaderFailure = new(
        id: "BG0013",
        title: "The OpenAPI reader could not read the spec",
        messageFormat: "The OpenAPI reader failed on this spec ({0}). No code was generated from it; look for a node of an unexpected type, or report the spec.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        id: "BG0100",
        title: "Construct generated in a general form",
        messageFormat: "{0} at '{1}' is generated {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static IReadOnlyCollection<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ById(string id) => s_byId[id];
}
