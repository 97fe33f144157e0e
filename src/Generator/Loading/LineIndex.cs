using System;
using System.Collections.Generic;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Where each line of a text starts: the one place that turns lines and columns into offsets and
/// back. Built on demand (a clean spec never needs one), in one pass over the text.
/// </summary>
public sealed class LineIndex
{
    private readonly string _text;
    private readonly List<int> _starts = new() { 0 };

    public LineIndex(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public int LineCount => _starts.Count;

    /// <summary>The offset of the first character of <paramref name="line"/> (0-based); the text's length past the last line.</summary>
    public int LineStart(int line) => line < 0 ? 0 : line < _starts.Count ? _starts[line] : _text.Length;

    /// <summary>The character offset of a 0-based line and column, kept within the text.</summary>
    public int OffsetOf(int line, int column)
        => line >= _starts.Count ? _text.Length : Math.Min(LineStart(line) + Math.Max(0, column), _text.Length);

    /// <summary>The line and column of a character offset.</summary>
    public SpecPosition PositionOf(int offset)
    {
        offset = Math.Max(0, Math.Min(offset, _text.Length));
        var line = _starts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SpecPosition(offset, line, offset - _starts[line]);
    }

    /// <summary>
    /// The position of byte <paramref name="bytePosition"/> of <paramref name="line"/> in UTF-8, as
    /// System.Text.Json reports errors; diagnostics want characters.
    /// </summary>
    public SpecPosition PositionOfUtf8Byte(int line, int bytePosition)
    {
        if (line >= _starts.Count)
        {
            return PositionOf(_text.Length);
        }

        var offset = _starts[line];
        var bytes = 0;
        while (offset < _text.Length && bytes < bytePosition && _text[offset] != '\n')
        {
            var c = _text[offset];
            if (char.IsHighSurrogate(c) && offset + 1 < _text.Length && char.IsLowSurrogate(_text[offset + 1]))
            {
                bytes += 4;
                offset += 2;
                continue;
            }

            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            offset++;
        }

        return PositionOf(offset);
    }
}
