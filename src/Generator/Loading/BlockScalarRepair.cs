using System;
using System.Collections.Generic;
using System.Text;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Works around YamlDotNet issue #523: a block scalar with no indentation indicator whose only
/// lines are whitespace (e.g. <c>example: |+</c> followed by a line of spaces, as in the OpenAI spec)
/// is valid YAML 1.2 but YamlDotNet rejects it with "found extra spaces in first line".
/// </summary>
/// <remarks>
/// The repair empties those whitespace-only lines, and only when the block scalar has no content
/// line at all: YAML gives such a scalar the same value (its line breaks) whether the empty lines
/// hold spaces or not, so no value changes. Lines are never added or removed, so every line number
/// in a diagnostic stays right. A block scalar that has content keeps its lines as they are, so
/// genuinely invalid input (yaml-test-suite W9L4) is still reported.
/// </remarks>
public static class BlockScalarRepair
{
    public static string Apply(string text)
    {
        if (text.IndexOf('|') < 0 && text.IndexOf('>') < 0)
        {
            return text;
        }

        var lines = SplitLines(text);
        List<int>? linesToEmpty = null;
        var i = 0;
        while (i < lines.Count)
        {
            var (start, length) = lines[i];
            var line = text.AsSpan(start, length);
            if (!IsBlockScalarHeader(line, out var headerIndent))
            {
                i++;
                continue;
            }

            // Find the block scalar's extent: following lines that are blank or indented deeper.
            var j = i + 1;
            var firstContent = -1;
            while (j < lines.Count)
            {
                var candidate = text.AsSpan(lines[j].Start, lines[j].Length);
                if (IsWhitespaceOnly(candidate))
                {
                    j++;
                    continue;
                }

                if (Indentation(candidate) > headerIndent)
                {
                    firstContent = j;
                }

                break;
            }

            if (firstContent < 0)
            {
                for (var k = i + 1; k < j; k++)
                {
                    if (lines[k].Length > 0)
                    {
                        (linesToEmpty ??= new List<int>()).Add(k);
                    }
                }

                i = j;
                continue;
            }

            // Skip the scalar's content so that text inside it is never taken for a header.
            j = firstContent;
            while (j < lines.Count)
            {
                var candidate = text.AsSpan(lines[j].Start, lines[j].Length);
                if (!IsWhitespaceOnly(candidate) && Indentation(candidate) <= headerIndent)
                {
                    break;
                }

                j++;
            }

            i = j;
        }

        if (linesToEmpty is null)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var previousEnd = 0;
        foreach (var index in linesToEmpty)
        {
            var (start, length) = lines[index];
            builder.Append(text, previousEnd, start - previousEnd);
            previousEnd = start + length;
        }

        builder.Append(text, previousEnd, text.Length - previousEnd);
        return builder.ToString();
    }

    /// <summary>A line ending in <c>|</c> or <c>&gt;</c> with an optional chomping indicator and no indentation indicator.</summary>
    private static bool IsBlockScalarHeader(ReadOnlySpan<char> line, out int indent)
    {
        indent = Indentation(line);
        var end = line.Length;
        var hash = IndexOfComment(line);
        if (hash >= 0)
        {
            end = hash;
        }

        var content = line.Slice(0, end).TrimEnd();
        if (content.Length == 0)
        {
            return false;
        }

        var last = content[content.Length - 1];
        if (last is '+' or '-')
        {
            content = content.Slice(0, content.Length - 1);
            if (content.Length == 0)
            {
                return false;
            }

            last = content[content.Length - 1];
        }

        if (last is not ('|' or '>'))
        {
            return false;
        }

        var before = content.Slice(0, content.Length - 1);
        var trimmed = before.TrimEnd();
        if (trimmed.Length == before.Length && before.Length > 0)
        {
            return false; // "a|" is part of a plain scalar, not a header
        }

        if (trimmed.Length == 0)
        {
            return true;
        }

        // "key: |", "- |", or a tag or anchor before the indicator ("key: !!str |", "key: &a |").
        var previous = trimmed[trimmed.Length - 1];
        if (previous is ':' or '-')
        {
            return true;
        }

        var lastToken = trimmed.Slice(trimmed.LastIndexOf(' ') + 1);
        return lastToken.Length > 0 && lastToken[0] is '!' or '&';
    }

    private static int IndexOfComment(ReadOnlySpan<char> line)
    {
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsWhitespaceOnly(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Indentation(ReadOnlySpan<char> line)
    {
        var count = 0;
        while (count < line.Length && line[count] == ' ')
        {
            count++;
        }

        return count;
    }

    private static List<(int Start, int Length)> SplitLines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                lines.Add((start, end - start));
                start = i + 1;
            }
        }

        lines.Add((start, text.Length - start));
        return lines;
    }
}
