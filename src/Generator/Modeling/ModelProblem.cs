using Microsoft.CodeAnalysis;

namespace BatchGen.Generator.Modeling;

/// <summary>A problem found while modeling, located by the JSON pointer of the spec node it concerns.</summary>
public sealed record ModelProblem(DiagnosticDescriptor Descriptor, string? Pointer, object?[] MessageArgs);
