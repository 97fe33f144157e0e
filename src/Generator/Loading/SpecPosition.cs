namespace BatchGen.Generator.Loading;

/// <summary>A 0-based position in the spec text.</summary>
public readonly record struct SpecPosition(int Offset, int Line, int Column);
