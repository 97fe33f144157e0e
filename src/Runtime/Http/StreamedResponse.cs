using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// A response whose body is read as it arrives: files, audio, any body that is not JSON. The call
/// returns once the headers are in; the body is the open connection, so dispose this to release it.
/// The client's whole-call timeout covered getting here, not reading the body: use the
/// cancellation tokens of the reading methods for that.
/// </summary>
public sealed class StreamedResponse : IDisposable
{
    private readonly HttpResponseMessage? _response;
    private readonly Stream _body;
    private int _taken;

    internal StreamedResponse(HttpResponseMessage response, Stream body, string operationId, int retryCount)
    {
        _response = response;
        _body = body;
        OperationId = operationId;
        StatusCode = response.StatusCode;
        ContentType = response.Content.Headers.ContentType?.MediaType;
        CharSet = response.Content.Headers.ContentType?.CharSet;
        ContentLength = response.Content.Headers.ContentLength;
        RequestId = HeaderReader.RequestId(response.Headers);
        RetryCount = retryCount;
    }

    /// <summary>A response over <paramref name="body"/>, for tests and fakes: no connection behind it.</summary>
    public StreamedResponse(Stream body, string? contentType = null, HttpStatusCode statusCode = HttpStatusCode.OK, string? requestId = null)
    {
        _body = body ?? throw new ArgumentNullException(nameof(body));
        OperationId = "test";
        StatusCode = statusCode;
        var parsed = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        ContentType = parsed?.MediaType;
        CharSet = parsed?.CharSet;
        ContentLength = body.CanSeek ? body.Length - body.Position : null;
        RequestId = requestId;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The media type the server sent (<c>application/octet-stream</c>), whatever the spec declared.</summary>
    public string? ContentType { get; }

    /// <summary>The length the server declared, if it did.</summary>
    public long? ContentLength { get; }

    /// <summary>The server's request id (<c>x-request-id</c>), for support requests.</summary>
    public string? RequestId { get; }

    /// <summary>How many retries it took to get the headers (0 when the first attempt succeeded).</summary>
    public int RetryCount { get; }

    /// <summary>The response headers; null for a response made in a test.</summary>
    public HttpResponseHeaders? Headers => _response?.Headers;

    internal string OperationId { get; }

    private string? CharSet { get; }

    /// <summary>The server sent JSON (<c>application/json</c>, <c>…+json</c>).</summary>
    public bool IsJson => ContentType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The body as it arrives. It can be read once: take it, or use one of the reading methods,
    /// not both. Reading errors surface as the stream's own <see cref="IOException"/>; the reading
    /// methods turn them into <see cref="ApiConnectionException"/>.
    /// </summary>
    public Stream Body => Take();

    /// <summary>Reads the whole body into memory. Prefer <see cref="CopyToAsync"/> for large files.</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = ContentLength is > 0 and < int.MaxValue ? new MemoryStream((int)ContentLength.Value) : new MemoryStream();
        await CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the body as text in its declared charset (UTF-8 by default). A JSON string literal
    /// (what a spec that declares a file as a JSON <c>string</c> would have the server send) is
    /// decoded; any other body is returned as it came.
    /// </summary>
    public async Task<string> ReadAsStringAsync(CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        return IsJson && JsonString(bytes) is { } decoded ? decoded : EncodingOf(CharSet).GetString(bytes);
    }

    /// <summary>The value of a body that is exactly one JSON string; null for anything else.</summary>
    private static string? JsonString(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            return reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() is { } value && !reader.Read() ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Copies the body into <paramref name="destination"/> as it arrives, in bounded memory.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        var body = Take();
        try
        {
            await body.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw BodyBroken(ex);
        }
        catch (HttpRequestException ex)
        {
            throw BodyBroken(ex);
        }
    }

    /// <summary>Writes the body to the file at <paramref name="path"/> (created or replaced) as it arrives.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await CopyToAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the body as JSON Lines, one <typeparamref name="T"/> per line, as they arrive. A line
    /// that is not a <typeparamref name="T"/> stops the reading with a <see cref="JsonLinesException"/>
    /// that gives its line number.
    /// </summary>
    public IAsyncEnumerable<T> ReadJsonLinesAsync<T>(JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => JsonLines.ReadAsync(Take(), typeInfo, cancellationToken, BodyBroken);

    /// <summary>Releases the connection; an unread rest of the body is not read.</summary>
    public void Dispose()
    {
        _body.Dispose();
        _response?.Dispose();
    }

    internal ApiConnectionException BodyBroken(Exception inner)
        => new($"The body of the {OperationId} response broke off while it was being read: {inner.Message}", inner);

    private Stream Take()
    {
        if (Interlocked.Exchange(ref _taken, 1) != 0)
        {
            throw new InvalidOperationException("The body of a streamed response can be read only once.");
        }

        return _body;
    }

    private static Encoding EncodingOf(string? charSet)
    {
        if (charSet is null)
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charSet.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
