using System;
using System.Collections.Generic;
using System.Text;

namespace BatchGen;

/// <summary>
/// OpenAPI 3.x parameter serialization (RFC 6570 templates under the names <c>style</c> and
/// <c>explode</c>) for values already formatted as text: a scalar, a list of items, or an object's
/// name and value pairs. Values are percent-encoded for the URL; the separators of the style are not.
/// </summary>
internal static class ParameterSerializer
{
    /// <summary>The query pairs (already escaped) for an array.</summary>
    public static IEnumerable<KeyValuePair<string, string>> QueryItems(string name, IReadOnlyList<string> items, ParameterStyle style, bool explode)
    {
        var key = Uri.EscapeDataString(name);
        if (explode && style == ParameterStyle.Form)
        {
            foreach (var item in items)
            {
                yield return Pair(key, Uri.EscapeDataString(item));
            }

            yield break;
        }

        yield return Pair(key, Join(items, Separator(style)));
    }

    /// <summary>The query pairs (already escaped) for an object or map.</summary>
    public static IEnumerable<KeyValuePair<string, string>> QueryObject(string name, IReadOnlyList<KeyValuePair<string, string>> pairs, ParameterStyle style, bool explode)
    {
        if (style == ParameterStyle.DeepObject)
        {
            foreach (var pair in pairs)
            {
                yield return Pair(Uri.EscapeDataString(name) + "%5B" + Uri.EscapeDataString(pair.Key) + "%5D", Uri.EscapeDataString(pair.Value));
            }

            yield break;
        }

        if (explode)
        {
            foreach (var pair in pairs)
            {
                yield return Pair(Uri.EscapeDataString(pair.Key), Uri.EscapeDataString(pair.Value));
            }

            yield break;
        }

        yield return Pair(Uri.EscapeDataString(name), Join(Flatten(pairs), Separator(style)));
    }

    /// <summary>A path segment's text for a scalar, list or object (one of <paramref name="scalar"/>, <paramref name="items"/>, <paramref name="pairs"/>).</summary>
    public static string Path(string name, string? scalar, IReadOnlyList<string>? items, IReadOnlyList<KeyValuePair<string, string>>? pairs, ParameterStyle style, bool explode)
    {
        var escapedName = Uri.EscapeDataString(name);
        switch (style)
        {
            case ParameterStyle.Label:
                return "." + Expand(scalar, items, pairs, explode, itemSeparator: explode ? "." : ",", pairSeparator: explode ? "." : ",", escape: true);
            case ParameterStyle.Matrix:
                if (explode && items is not null)
                {
                    var builder = new StringBuilder();
                    foreach (var item in items)
                    {
                        builder.Append(';').Append(escapedName).Append('=').Append(Uri.EscapeDataString(item));
                    }

                    return builder.ToString();
                }

                if (explode && pairs is not null)
                {
                    return ";" + Expand(null, null, pairs, explode: true, itemSeparator: ";", pairSeparator: ";", escape: true);
                }

                return ";" + escapedName + "=" + Expand(scalar, items, pairs, explode: false, itemSeparator: ",", pairSeparator: ",", escape: true);
            default:
                return Expand(scalar, items, pairs, explode, itemSeparator: ",", pairSeparator: ",", escape: true);
        }
    }

    /// <summary>A header's value for a list or object (style simple); not percent-encoded.</summary>
    public static string Header(IReadOnlyList<string>? items, IReadOnlyList<KeyValuePair<string, string>>? pairs, bool explode)
        => Expand(null, items, pairs, explode, itemSeparator: ",", pairSeparator: ",", escape: false);

    private static string Expand(string? scalar, IReadOnlyList<string>? items, IReadOnlyList<KeyValuePair<string, string>>? pairs, bool explode, string itemSeparator, string pairSeparator, bool escape)
    {
        string Escape(string text) => escape ? Uri.EscapeDataString(text) : text;
        if (scalar is not null)
        {
            return Escape(scalar);
        }

        var builder = new StringBuilder();
        if (items is not null)
        {
            for (var i = 0; i < items.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : itemSeparator).Append(Escape(items[i]));
            }

            return builder.ToString();
        }

        var first = true;
        foreach (var pair in pairs ?? Array.Empty<KeyValuePair<string, string>>())
        {
            builder.Append(first ? string.Empty : pairSeparator).Append(Escape(pair.Key)).Append(explode ? "=" : ",").Append(Escape(pair.Value));
            first = false;
        }

        return builder.ToString();
    }

    /// <summary>What joins the values of a non-exploded query parameter in <paramref name="style"/>, escaped.</summary>
    private static string Separator(ParameterStyle style) => style switch
    {
        ParameterStyle.SpaceDelimited => "%20",
        ParameterStyle.PipeDelimited => "%7C",
        _ => ",",
    };

    private static IReadOnlyList<string> Flatten(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var flat = new List<string>(pairs.Count * 2);
        foreach (var pair in pairs)
        {
            flat.Add(pair.Key);
            flat.Add(pair.Value);
        }

        return flat;
    }

    private static string Join(IReadOnlyList<string> items, string separator)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : separator).Append(Uri.EscapeDataString(items[i]));
        }

        return builder.ToString();
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
