using Microsoft.CodeAnalysis;

namespace BatchGen.Generator.Tests.Infrastructure;

public static class DiagnosticLines
{
    /// <summary>The 1-based line a diagnostic points at, as an editor shows it.</summary>
    public static int Line(this Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
}
