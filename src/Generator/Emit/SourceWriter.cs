using System;
using System.Globalization;
using System.Text;

namespace BatchGen.Generator.Emit;

/// <summary>
/// A <see cref="StringBuilder"/> with an indentation level. Multi-line text (raw string literals)
/// is re-indented line by line, so templates can be written flush-left. Always "\n" line ends and
/// invariant culture, so the same model gives the same bytes on every machine. Unbalanced
/// indentation is an emitter bug and throws, as System.Text.Json's writer does, rather than being
/// clamped into plausible-looking output.
/// </summary>
public sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public int Indentation
    {
        get => _indent;
        set => _indent = value >= 0 ? value : throw new InvalidOperationException("Indentation cannot go below zero: a block was closed twice.");
    }

    public SourceWriter WriteLine()
    {
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes one or more lines at the current indentation; blank lines stay empty.</summary>
    public SourceWriter WriteLine(string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            line = line.TrimEnd('\r');
            if (line.Length > 0)
            {
                for (var i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return this;
            }

            start = end + 1;
        }
    }

    public SourceWriter WriteLine(FormattableString text) => WriteLine(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes an opening brace and indents; dispose the result to outdent and close it.</summary>
    public Block OpenBlock(string? header = null)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
        return new Block(this);
    }

    /// <summary>The text written; every block must be closed.</summary>
    public override string ToString()
        => _indent == 0 ? _builder.ToString() : throw new InvalidOperationException($"{_indent} block(s) are still open.");

    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;

        public Block(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer.Indentation--;
            _writer.WriteLine("}");
        }
    }
}
