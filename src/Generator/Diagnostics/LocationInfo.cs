using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BatchGen.Generator.Diagnostics;

/// <summary>
/// A position in a spec file that can live in a cached pipeline model, unlike <see cref="Location"/>.
/// </summary>
public sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>A zero-width location at a 0-based line and column with its character offset.</summary>
    public static LocationInfo At(string filePath, int offset, int line, int column)
    {
        var position = new LinePosition(line, column);
        return new LocationInfo(filePath, new TextSpan(offset, 0), new LinePositionSpan(position, position));
    }
}
