using System;
using System.Globalization;
using System.Text;

namespace BatchGen.Generator.Emit;

/// <summary>
/// A <see cref="StringBuilder"/> with an indentation level. Multi-line text (raw string literals)
/// is re-indented line by line, so templates can be written flush-left. Always "\n" line ends and
/// invariant culture, so the same model gives the same bytes on every machine.
/// </summary>
public sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public int Indentation
    {
        get => _indent;
        set => _indent = Math.Max(0, value);
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

    public override string ToString() => _builder.ToString();

    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;

        public Block(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.WriteLine("}");
        }
    }
}
