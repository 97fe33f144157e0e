using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// How a success response becomes the call's value. One subclass per kind of body, so the
/// pipeline's retry loop never needs to know what it is reading.
/// </summary>
internal abstract class ResponseReader<T>
{
    /// <summary>The value keeps the response (and its connection) open: the pipeline must not dispose it.</summary>
    public virtual bool KeepsResponse => false;

    public abstract Task<T> ReadAsync(ApiRequest request, HttpResponseMessage response, int attempt, CancellationToken cancellationToken);
}

/// <summary>No body is expected; whatever came is ignored.</summary>
internal sealed class EmptyResponseReader : ResponseReader<bool>
{
    public static readonly EmptyResponseReader Instance = new();

    public override Task<bool> ReadAsync(ApiRequest request, HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
        => Task.FromResult(true);
}

/// <summary>
/// The body left unread on the open connection, for the caller to stream: the call is done once
/// the headers are in, so the whole-call timeout never covers the body.
/// </summary>
internal sealed class StreamResponseReader : ResponseReader<StreamedResponse>
{
    public static readonly StreamResponseReader Instance = new();

    public override bool KeepsResponse => true;

    public override async Task<StreamedResponse> ReadAsync(ApiRequest request, HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        return new StreamedResponse(response, body, request.OperationId, attempt);
    }
}

/// <summary>A JSON body read by a generated converter; a body that does not match is an <see cref="ApiResponseFormatException"/>.</summary>
internal sealed class JsonResponseReader<T> : ResponseReader<T>
{
    private readonly JsonValueReader<T> _read;
    private readonly bool _strict;
    private readonly PipelineLog _log;

    public JsonResponseReader(JsonValueReader<T> read, bool strict, PipelineLog log)
    {
        _read = read;
        _strict = strict;
        _log = log;
    }

    public override async Task<T> ReadAsync(ApiRequest request, HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
        var body = await PooledBody.ReadAsync(response.Content, int.MaxValue, cancellationToken).ConfigureAwait(false);
        try
        {
            return Deserialize(request, response, body.Span);
        }
        finally
        {
            body.Return();
        }
    }

    private T Deserialize(ApiRequest request, HttpResponseMessage response, ReadOnlySpan<byte> json)
    {
        try
        {
            // The reader's own message for an empty body is about tokens; say it plainly.
            if (IsBlank(json))
            {
                throw new JsonException("The body is empty.", "$", null, null);
            }

            using var context = JsonReadContext.Begin(_strict);
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            var value = _read(ref reader);

            // The whole body is one final block: reading past the value throws if anything but white space follows.
            reader.Read();

            if (context.Missing.Count > 0)
            {
                _log.MissingRequired(request, context.Missing);
            }

            return value;
        }
        catch (JsonException ex)
        {
            // A body that is not JSON at all says so by its media type: name it, it explains the failure.
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var sent = mediaType is null || mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) ? string.Empty : $" (the server sent '{mediaType}', not JSON)";
            throw new ApiResponseFormatException(
                $"The response to {request.OperationId} (HTTP {(int)response.StatusCode}) is not what the spec describes{sent}: {ex.Message}",
                request.OperationId,
                ex.Path,
                HeaderReader.RequestId(response.Headers),
                ex);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A body read into a buffer rented from the shared pool; <see cref="Return"/> gives it back.</summary>
internal readonly struct PooledBody
{
    private readonly byte[] _buffer;

    private PooledBody(byte[] buffer, int length, bool truncated)
    {
        _buffer = buffer;
        Length = length;
        IsTruncated = truncated;
    }

    public int Length { get; }

    /// <summary>The body had more than the limit; only the limit was read.</summary>
    public bool IsTruncated { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Return() => ArrayPool<byte>.Shared.Return(_buffer);

    /// <summary>Reads at most <paramref name="limit"/> bytes: a larger body is cut there, and the rest is never read.</summary>
    public static async Task<PooledBody> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var declared = content.Headers.ContentLength;
        var initial = declared is > 0 and < 16 * 1024 * 1024 ? (int)declared.Value + 1 : 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initial, limit == int.MaxValue ? initial : limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                // One byte past the limit tells a body of exactly the limit from a longer one.
                var room = Math.Min(buffer.Length - length, limit == int.MaxValue ? int.MaxValue : limit + 1 - length);
#if NET8_0_OR_GREATER
                var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
#else
                var read = await stream.ReadAsync(buffer, length, room, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    return new PooledBody(buffer, length, truncated: false);
                }

                length += read;
                if (length > limit)
                {
                    return new PooledBody(buffer, limit, truncated: true);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
