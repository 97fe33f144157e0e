namespace BatchGen.Generator;

/// <summary>Names of the pipeline's stages, so tests can assert what was cached and what re-ran.</summary>
public static class TrackingNames
{
    /// <summary>AdditionalText + its options → <see cref="Configuration.SpecInput"/> (text and config), or nothing for a file that is not a spec.</summary>
    public const string ReadSpec = nameof(ReadSpec);

    /// <summary>SpecInput → parsed document → value-equatable <see cref="Model.ClientModel"/> and diagnostics.</summary>
    public const string BuildModel = nameof(BuildModel);

    /// <summary>ClientModel → generated source files.</summary>
    public const string EmitSource = nameof(EmitSource);

    /// <summary>Whether the project lists any spec at all (if not, an info diagnostic says how to add one).</summary>
    public const string FindSpecs = nameof(FindSpecs);

    /// <summary>The specs whose file name an earlier spec already has (they would write the same generated files).</summary>
    public const string FindDuplicateSpecs = nameof(FindDuplicateSpecs);

    /// <summary>The diagnostics of a spec, reported on their own branch.</summary>
    public const string ReportDiagnostics = nameof(ReportDiagnostics);
}
