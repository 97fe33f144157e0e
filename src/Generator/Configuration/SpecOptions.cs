using System.Linq;

namespace BatchGen.Generator.Configuration;

/// <summary>
/// The per-spec configuration, read from the AdditionalFiles item's metadata
/// (<c>build_metadata.AdditionalFiles.BatchGen*</c>) and the project's properties.
/// </summary>
/// <param name="Namespace">Namespace for generated code; null means "derive from RootNamespace".</param>
/// <param name="ClientName">Client class name; null means "derive from info.title".</param>
/// <param name="IsMarked">True when the item carries any BatchGen metadata, so it must be a spec.</param>
/// <param name="Tags">Raw <c>BatchGenTags</c>: comma-separated tags whose operations are generated.</param>
/// <param name="Operations">Raw <c>BatchGenOperations</c>: comma-separated operation ids to generate.</param>
/// <param name="EnvironmentPrefix">Raw <c>BatchGenEnvironmentPrefix</c>: the client reads <c>{prefix}_API_KEY</c> and <c>{prefix}_BASE_URL</c>.</param>
/// <param name="Conventions">Raw <c>BatchGenConventions</c>: conventions beyond OpenAPI the server follows (<c>OpenAI</c>).</param>
public sealed record SpecOptions(string? Namespace, string? ClientName, string? RootNamespace, bool IsMarked, string? Tags = null, string? Operations = null, string? EnvironmentPrefix = null, string? Conventions = null)
{
    public const string NamespaceMetadata = "BatchGenNamespace";
    public const string ClientNameMetadata = "BatchGenClientName";
    public const string TagsMetadata = "BatchGenTags";
    public const string OperationsMetadata = "BatchGenOperations";
    public const string EnvironmentPrefixMetadata = "BatchGenEnvironmentPrefix";
    public const string ConventionsMetadata = "BatchGenConventions";

    /// <summary>
    /// Splits a list value. Commas (or '|') separate entries: a ';' would not survive, because
    /// MSBuild passes metadata to the compiler through an .editorconfig, where ';' starts a comment.
    /// </summary>
    public static string[] SplitList(string? value)
        => value is null
            ? System.Array.Empty<string>()
            : value.Split(new[] { ',', '|' }, System.StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Trim())
                .Where(v => v.Length > 0)
                .Distinct(System.StringComparer.Ordinal)
                .ToArray();
}
