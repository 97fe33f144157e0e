namespace BatchGen.Generator.Loading;

/// <summary>A YAML syntax error with its position in the spec text.</summary>
public sealed record SpecSyntaxError(string Message, SpecPosition Position);
