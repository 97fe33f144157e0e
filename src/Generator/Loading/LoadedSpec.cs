using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Loading;

/// <summary>A problem found while loading, located by JSON pointer or by text position.</summary>
public sealed record LoadProblem(LoadProblemKind Kind, string Message, string? Pointer, SpecPosition? Position);

public enum LoadProblemKind
{
    Syntax,
    UnsupportedVersion,
    NotOpenApi,
    ReaderProblem,
    CircularReference,
    NotASchema,
    ReaderFailure,
}

/// <summary>
/// The result of reading a spec. Not equatable and never cached: it lives only inside the
/// model stage, which turns it into the equatable client model.
/// </summary>
public sealed class LoadedSpec
{
    public LoadedSpec(OpenApiDocument? document, JsonNode? root, IReadOnlyList<LoadProblem> problems)
    {
        Document = document;
        Root = root;
        Problems = problems;
    }

    public OpenApiDocument? Document { get; }

    /// <summary>The raw JSON node tree, for the few keywords the reader drops (3.0-style <c>nullable</c> in 3.1).</summary>
    public JsonNode? Root { get; }

    public IReadOnlyList<LoadProblem> Problems { get; }
}
