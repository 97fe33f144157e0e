using System;
using System.Linq;
using BatchGen.Generator.Common;
using Microsoft.CodeAnalysis;

namespace BatchGen.Generator.Diagnostics;

/// <summary>
/// An equatable stand-in for <see cref="Diagnostic"/>: descriptor id, message arguments and location.
/// Reported from its own output branch, so a diagnostic that moves does not regenerate source.
/// </summary>
public sealed record DiagnosticInfo(string DescriptorId, EquatableArray<string> MessageArgs, LocationInfo? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object?[] messageArgs)
        => new(
            descriptor.Id,
            messageArgs.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray(),
            location);

    public DiagnosticDescriptor Descriptor => DiagnosticDescriptors.ById(DescriptorId);

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, MessageArgs.Cast<object>().ToArray());
}
