using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
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

    private readonly ClientOptions _options;
    private readonly string _userAgent;
    private readonly string? _authorization;

    public RequestMessageFactory(ClientOptions options)
    {
        _options = options;
        _userAgent = options.UserAgent ?? $"BatchGen/{s_version}";
        _authorization = string.IsNullOrEmpty(options.ApiKey) ? null : "Bearer " + options.ApiKey;
    }

    /// <summary>Whether a credential is configured (an error message may say so when none is).</summary>
    public bool HasCredential => _authorization is not null;

    /// <summary>A key that stays the same across the attempts of one call; none for GET, which is safe to repeat anyway.</summary>
    public static string? NewIdempotencyKey(ApiRequest request)
        => request.Method == "GET" ? null : "batchgen-" + Guid.NewGuid().ToString("N");

    /// <summary>Reads a caller's content once, with its headers (a multipart boundary lives there), for re-sending.</summary>
    public static async Task<BufferedContent?> BufferAsync(ApiRequest request)
    {
        if (request.Content is not { } content)
        {
            return null;
        }

        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return new BufferedContent(bytes, new List<KeyValuePair<string, IEnumerable<string>>>(content.Headers));
    }

    public HttpRequestMessage Create(ApiRequest request, Uri uri, int attempt, string? idempotencyKey, BufferedContent? buffered)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        var headers = message.Headers;
        // Header values as strings, added without parsing: no header objects per request.
        if (_authorization is not null)
        {
            headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        headers.TryAddWithoutValidation("Accept", "application/json");
        if (_options.Organization is not null)
        {
            headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        if (_options.Project is not null)
        {
            headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }

        if (idempotencyKey is not null)
        {
            headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        headers.TryAddWithoutValidation("X-BatchGen-Retry-Count", attempt < s_retryCounts.Length ? s_retryCounts[attempt] : attempt.ToString(CultureInfo.InvariantCulture));
        foreach (var header in request.Headers)
        {
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        message.Content = CreateContent(request, buffered);
        return message;
    }

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
