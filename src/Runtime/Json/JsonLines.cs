using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// JSON Lines (<c>.jsonl</c>): one JSON value per line, as batch input and output files are. Types
/// come from a <see cref="JsonTypeInfo{T}"/>: a generated client's JSON context, or your own
/// <c>JsonSerializerContext</c>, so no reflection is needed.
/// </summary>
public static class JsonLines
{
    /// <summary>Writes each item as one compact line, ending with a newline.</summary>
    public static async Task WriteAsync<T>(Stream stream, IEnumerable<T> items, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (items is null)
        {
            throw new ArgumentNullException(nameof(items));
        }

        if (typeInfo is null)
        {
            throw new ArgumentNullException(nameof(typeInfo));
        }

        using var line = new MemoryStream();
        using var writer = new Utf8JsonWriter(line);
        foreach (var item in items)
        {
            line.SetLength(0);
            writer.Reset(line);
            JsonSerializer.Serialize(writer, item, typeInfo);
            writer.Flush();
            line.WriteByte((byte)'\n');
            await stream.WriteAsync(line.GetBuffer(), 0, (int)line.Length, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the items to the file at <paramref name="path"/>, created or replaced.</summary>
    public static async Task WriteFileAsync<T>(string path, IEnumerable<T> items, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await WriteAsync(file, items, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one <typeparamref name="T"/> per line as the stream delivers them, in memory bounded by
    /// the longest line. Blank lines are passed over; a line that is not a <typeparamref name="T"/>
    /// stops the reading with a <see cref="JsonLinesException"/> naming its line number. The stream
    /// is disposed when the reading ends.
    /// </summary>
    public static IAsyncEnumerable<T> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => ReadAsync(stream, typeInfo, cancellationToken, null);

    /// <summary>Reads the file at <paramref name="path"/> as <see cref="ReadAsync{T}(Stream, JsonTypeInfo{T}, CancellationToken)"/> does.</summary>
    public static IAsyncEnumerable<T> ReadFileAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => ReadAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), typeInfo, cancellationToken, null);

    internal static async IAsyncEnumerable<T> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken, Func<Exception, Exception>? broken)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (typeInfo is null)
        {
            throw new ArgumentNullException(nameof(typeInfo));
        }

        using var lines = new LineSplitter(stream, broken);
        while (await lines.NextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lines.IsBlank)
            {
                continue;
            }

            yield return Parse(lines, typeInfo);
        }
    }

    private static T Parse<T>(LineSplitter lines, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(lines.Current, typeInfo)!;
        }
        catch (JsonException ex)
        {
            throw new JsonLinesException(lines.LineNumber, ex);
        }
    }

    /// <summary>Cuts a stream into lines in one growable pooled buffer.</summary>
    private sealed class LineSplitter : IDisposable
    {
        private readonly Stream _stream;
        private readonly Func<Exception, Exception>? _broken;
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _start;
        private int _end;
        private int _lineStart;
        private int _lineLength;
        private bool _eof;

        public LineSplitter(Stream stream, Func<Exception, Exception>? broken)
        {
            _stream = stream;
            _broken = broken;
        }

        public int LineNumber { get; private set; }

        public ReadOnlySpan<byte> Current => _buffer.AsSpan(_lineStart, _lineLength);

        public bool IsBlank
        {
            get
            {
                foreach (var b in Current)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        public async Task<bool> NextAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newLine = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newLine >= 0 || (_eof && _end > _start))
                {
                    var stop = newLine >= 0 ? newLine : _end;
                    _lineStart = _start;
                    _lineLength = stop - _start;
                    if (_lineLength > 0 && _buffer[stop - 1] == (byte)'\r')
                    {
                        _lineLength--;
                    }

                    _start = newLine >= 0 ? newLine + 1 : _end;
                    LineNumber++;
                    return true;
                }

                if (_eof)
                {
                    return false;
                }

                MakeRoom();
                int read;
                try
                {
#if NET8_0_OR_GREATER
                    read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
#else
                    read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
#endif
                }
                catch (Exception ex) when (_broken is not null && (ex is IOException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
                {
                    throw _broken(ex);
                }

                _eof = read == 0;
                _end += read;
            }
        }

        /// <summary>Moves the unread part to the front, and grows the buffer when a line fills it.</summary>
        private void MakeRoom()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }
    }
}

/// <summary>A line of a JSON Lines body or file is not the expected value.</summary>
public sealed class JsonLinesException : FormatException
{
    /// <summary>Creates the exception for line <paramref name="lineNumber"/> (1-based).</summary>
    public JsonLinesException(int lineNumber, JsonException innerException)
        : base($"Line {lineNumber} is not valid: {innerException?.Message}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based number of the bad line.</summary>
    public int LineNumber { get; }
}
