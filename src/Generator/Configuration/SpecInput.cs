namespace BatchGen.Generator.Configuration;

/// <summary>
/// One spec file as the pipeline sees it: its path, its full text and its options. Equal when
/// the text and options are equal, so an edit elsewhere in the project leaves later stages cached.
/// </summary>
public sealed record SpecInput(string Path, string Text, SpecOptions Options);
