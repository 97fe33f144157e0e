using YamlDotNet.Core;

namespace BatchGen.Generator.Loading;

/// <summary>A 0-based position in the spec text.</summary>
public readonly record struct SpecPosition(int Offset, int Line, int Column)
{
    public static SpecPosition Start => default;

    /// <summary>YamlDotNet's marks count lines and columns from 1; ours (and Roslyn's) from 0.</summary>
    public static SpecPosition FromMark(Mark mark)
        => new((int)System.Math.Max(0, mark.Index), (int)System.Math.Max(0, mark.Line - 1), (int)System.Math.Max(0, mark.Column - 1));
}
