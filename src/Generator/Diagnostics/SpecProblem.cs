using Microsoft.CodeAnalysis;
using BatchGen.Generator.Loading;

namespace BatchGen.Generator.Diagnostics;

/// <summary>
/// The one shape a problem has from the moment it is found, in the loader or the model builder,
/// until <see cref="ProblemLocator"/> turns it into an equatable <see cref="DiagnosticInfo"/>.
/// It is located either by a text <see cref="Position"/> (syntax errors, which have no node) or by
/// the JSON <see cref="Pointer"/> of the spec node it concerns; pointers are resolved to positions
/// only when there is a problem, so a clean spec never pays for the position map.
/// </summary>
/// <remarks>Lives only inside the model stage: it holds a descriptor and raw arguments, neither of which is cached.</remarks>
public sealed record SpecProblem(DiagnosticDescriptor Descriptor, string? Pointer, SpecPosition? Position, object?[] MessageArgs)
{
    /// <summary>A problem with the node at <paramref name="pointer"/> (null: the whole file).</summary>
    public static SpecProblem At(DiagnosticDescriptor descriptor, string? pointer, params object?[] messageArgs)
        => new(descriptor, pointer, null, messageArgs);

    /// <summary>A problem at a known place in the text.</summary>
    public static SpecProblem AtPosition(DiagnosticDescriptor descriptor, SpecPosition position, params object?[] messageArgs)
        => new(descriptor, null, position, messageArgs);

    /// <summary>A problem with the file as a whole, reported at its start.</summary>
    public static SpecProblem AtStart(DiagnosticDescriptor descriptor, params object?[] messageArgs)
        => new(descriptor, null, SpecPosition.Start, messageArgs);
}
