namespace BatchGen.Generator.Configuration;

/// <summary>
/// The per-spec configuration, read from the AdditionalFiles item's metadata
/// (<c>build_metadata.AdditionalFiles.BatchGen*</c>) and the project's properties.
/// </summary>
/// <param name="Namespace">Namespace for generated code; null means "derive from RootNamespace".</param>
/// <param name="ClientName">Client class name; null means "derive from info.title".</param>
/// <param name="IsMarked">True when the item carries any BatchGen metadata, so it must be a spec.</param>
public sealed record SpecOptions(string? Namespace, string? ClientName, string? RootNamespace, bool IsMarked)
{
    public const string NamespaceMetadata = "BatchGenNamespace";
    public const string ClientNameMetadata = "BatchGenClientName";
}
