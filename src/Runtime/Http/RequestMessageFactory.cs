using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// Builds one <see cref="HttpRequestMessage"/> per attempt from an <see cref="ApiRequest"/>: the
/// client's fixed headers, the call's own headers, and a fresh content over the same body bytes,
/// so a retry sends exactly what the first attempt sent.
/// </summary>
internal sealed class RequestMessageFactory
{
    private static readonly string s_version = typeof(RequestMessageFactory).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    private static readonly string[] s_retryCounts = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

    private readonly string _userAgent;
    private readonly List<KeyValuePair<string, string>> _defaultHeaders;

    public RequestMessageFactory(ClientOptions options, ApiConventions conventions)
    {
        _userAgent = options.UserAgent ?? $"BatchGen/{s_version}";
        _defaultHeaders = new List<KeyValuePair<string, string>>(options.DefaultHeaders);
        foreach (var pair in conventions.HeadersFromEnvironment)
        {
            if (!options.DefaultHeaders.ContainsKey(pair.Key) && Environment.GetEnvironmentVariable(pair.Value) is { Length: > 0 } value)
            {
                _defaultHeaders.Add(new KeyValuePair<string, string>(pair.Key, value));
            }
        }
    }

    /// <summary>A key that stays the same across the attempts of one call: the caller's, else a fresh one; none for GET, which is safe to repeat anyway.</summary>
    public static string? NewIdempotencyKey(ApiRequest request)
        => request.Options?.IdempotencyKey ?? (request.Method == "GET" ? null : "batchgen-" + Guid.NewGuid().ToString("N"));

    /// <summary>Reads a caller's content once, with its headers (a multipart boundary lives there), for re-sending.</summary>
    public static async Task<BufferedContent?> BufferAsync(ApiRequest request, ApiConventions conventions, CancellationToken cancellationToken)
    {
        using var fromForm = request.Form is { } form ? await form.ToContentAsync(conventions.BracketedMultipartNames, cancellationToken).ConfigureAwait(false) : null;
        if ((fromForm ?? request.Content) is not { } content)
        {
            return null;
        }

        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return new BufferedContent(bytes, new List<KeyValuePair<string, IEnumerable<string>>>(content.Headers));
    }

    /// <summary>
    /// One attempt's message, without credentials (the pipeline adds those only for the client's
    /// own origin). <paramref name="method"/> and <paramref name="withBody"/> differ from the
    /// request's only when a redirect turns a POST into a GET.
    /// </summary>
    public HttpRequestMessage Create(ApiRequest request, string method, Uri uri, int attempt, string? idempotencyKey, BufferedContent? buffered, bool withBody)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), uri);
        var headers = message.Headers;
        // Header values as strings, added without parsing: no header objects per request.
        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        headers.TryAddWithoutValidation("Accept", request.Accept ?? "application/json");
        if (idempotencyKey is not null)
        {
            headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        headers.TryAddWithoutValidation("X-BatchGen-Retry-Count", attempt < s_retryCounts.Length ? s_retryCounts[attempt] : attempt.ToString(CultureInfo.InvariantCulture));
        foreach (var header in request.Headers)
        {
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var header in _defaultHeaders)
        {
            if (!IsCredentialHeader(header.Key))
            {
                headers.Remove(header.Key);
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (request.Options is { } options)
        {
            foreach (var header in options.Headers)
            {
                if (IsCredentialHeader(header.Key))
                {
                    throw new ArgumentException($"RequestOptions.Headers cannot set '{header.Key}': credentials go through ClientOptions, which sends them to the client's own origin only.", nameof(request));
                }

                headers.Remove(header.Key);
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        message.Content = withBody ? CreateContent(request, buffered) : null;
        return message;
    }

    /// <summary>Headers that carry credentials go only through the credential path, which checks the origin.</summary>
    private static bool IsCredentialHeader(string name)
        => string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase);

    private static HttpContent? CreateContent(ApiRequest request, BufferedContent? buffered)
    {
        if (buffered is { } raw)
        {
            var content = new ByteArrayContent(raw.Bytes);
            foreach (var header in raw.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return content;
        }

        if (request.Body is { } body)
        {
            // A fresh content per attempt over the same bytes: a retry re-sends the body intact.
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
            return content;
        }

        return null;
    }
}

/// <summary>A caller's content, read once: its bytes and its content headers.</summary>
internal sealed record BufferedContent(byte[] Bytes, List<KeyValuePair<string, IEnumerable<string>>> Headers);
