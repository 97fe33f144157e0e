using System.Collections.Generic;
using BatchGen.Generator.Diagnostics;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Loading;

/// <summary>
/// The result of reading a spec. Not equatable and never cached: it lives only inside the
/// model stage, which turns it into the equatable client model.
/// </summary>
public sealed class LoadedSpec
{
    public LoadedSpec(OpenApiDocument? document, IReadOnlyList<SpecProblem> problems)
    {
        Document = document;
        Problems = problems;
    }

    /// <summary>The document, or null when nothing can be generated from the file.</summary>
    public OpenApiDocument? Document { get; }

    public IReadOnlyList<SpecProblem> Problems { get; }
}
