using System;
using System.Collections.Generic;
using System.Text;

namespace BatchGen.Generator.Loading;

/// <summary>RFC 6901 JSON pointers, as URI fragments (<c>#/components/schemas/Batch</c>) or plain.</summary>
public static class SpecPointer
{
    public static string Append(string pointer, string segment)
        => pointer + "/" + segment.Replace("~", "~0").Replace("/", "~1");

    public static IReadOnlyList<string> Parse(string pointer)
    {
        var text = pointer;
        if (text.StartsWith("#", StringComparison.Ordinal))
        {
            text = Uri.UnescapeDataString(text.Substring(1));
        }

        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var parts = text.TrimStart('/').Split('/');
        var segments = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            segments.Add(part.Replace("~1", "/").Replace("~0", "~"));
        }

        return segments;
    }

}
