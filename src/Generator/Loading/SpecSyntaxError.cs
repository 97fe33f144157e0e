namespace BatchGen.Generator.Loading;

/// <summary>A YAML or JSON syntax error with its 0-based position in the spec text.</summary>
public sealed record SpecSyntaxError(string Format, string Message, int Offset, int Line, int Column);
