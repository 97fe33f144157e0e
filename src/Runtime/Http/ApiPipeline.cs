using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// Sends the requests of a generated client: auth and identification headers, the whole-call
/// timeout, retries with backoff, typed errors, and response bodies read by generated converters.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiPipeline : IDisposable
{
    private const int MaxErrorBodyChars = 64 * 1024;
    private static readonly string s_version = typeof(ApiPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    [ThreadStatic]
    private static Random? t_random;

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly ClientOptions _options;
    private readonly Uri _baseAddress;
    private readonly string _userAgent;
    private readonly string? _authorization;
    private static readonly string[] s_retryCounts = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

    /// <summary>
    /// Creates the pipeline. A given <paramref name="httpClient"/> is used as is and never disposed;
    /// without one the pipeline makes and owns its own.
    /// </summary>
    public ApiPipeline(HttpClient? httpClient, ClientOptions? options, string? defaultBaseAddress)
    {
        _options = options?.Clone() ?? new ClientOptions();
        if (_options.MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxRetries, "ClientOptions.MaxRetries must be 0 or more.");
        }

        if (_options.Timeout <= TimeSpan.Zero && _options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Timeout, "ClientOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).");
        }

        _ownsHttpClient = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
        _baseAddress = ResolveBaseAddress(_options, httpClient, defaultBaseAddress);
        _userAgent = _options.UserAgent ?? $"BatchGen/{s_version}";
        _authorization = string.IsNullOrEmpty(_options.ApiKey) ? null : "Bearer " + _options.ApiKey;
    }

    /// <summary>The address requests are sent to.</summary>
    public Uri BaseAddress => _baseAddress;

    private static HttpClient CreateHttpClient()
    {
#if NET8_0_OR_GREATER
        // Recycle pooled connections so DNS changes are seen; the whole-call timeout is ours, not HttpClient's.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
#else
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
#endif
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static Uri ResolveBaseAddress(ClientOptions options, HttpClient? httpClient, string? defaultBaseAddress)
    {
        if (options.BaseAddress is not null)
        {
            return RequireAbsolute(options.BaseAddress, "ClientOptions.BaseAddress");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ClientOptions.BaseAddressVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new ArgumentException($"{ClientOptions.BaseAddressVariable} is not an absolute URL: '{fromEnvironment}'.");
        }

        if (httpClient?.BaseAddress is { } clientAddress)
        {
            return RequireAbsolute(clientAddress, "HttpClient.BaseAddress");
        }

        if (defaultBaseAddress is not null && Uri.TryCreate(defaultBaseAddress, UriKind.Absolute, out var specAddress))
        {
            return specAddress;
        }

        throw new ArgumentException("The spec names no server: set ClientOptions.BaseAddress.", nameof(options));
    }

    private static Uri RequireAbsolute(Uri uri, string what)
        => uri.IsAbsoluteUri ? uri : throw new ArgumentException($"{what} must be an absolute URL, not '{uri}'.");

    /// <summary>Sends the request and reads a JSON body with <paramref name="readBody"/>.</summary>
    public Task<ApiResponse<T>> SendAsync<T>(ApiRequest request, JsonValueReader<T> readBody, CancellationToken cancellationToken)
        => SendCoreAsync(request, readBody, cancellationToken);

    /// <summary>Sends the request and ignores any body.</summary>
    public Task<ApiResponse<bool>> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync<bool>(request, null, cancellationToken);

    /// <summary>Sends the request and returns the raw body bytes.</summary>
    public Task<ApiResponse<byte[]>> SendForBytesAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync(request, static (ref Utf8JsonReader _) => Array.Empty<byte>(), cancellationToken, rawBytes: true);

    private async Task<ApiResponse<T>> SendCoreAsync<T>(ApiRequest request, JsonValueReader<T>? readBody, CancellationToken cancellationToken, bool rawBytes = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.BuildUri(_baseAddress);
        var idempotencyKey = request.Method == "GET" ? null : "batchgen-" + Guid.NewGuid().ToString("N");
        // One source for both the caller's token and the whole-call timeout; which one fired is
        // told apart by the caller's token.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Timeout != Timeout.InfiniteTimeSpan)
        {
            linked.CancelAfter(_options.Timeout);
        }

        using var telemetry = Telemetry.Start(request, uri);
        (byte[] Bytes, List<KeyValuePair<string, IEnumerable<string>>> Headers)? rawBody = null;
        if (request.Content is { } content)
        {
            rawBody = await BufferAsync(content).ConfigureAwait(false);
        }


        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            TimeSpan? serverDelay = null;
            try
            {
                using var message = CreateMessage(request, uri, attempt, idempotencyKey, rawBody);
                if (IsLogging(ApiLogLevel.Debug))
                {
                    Log(ApiLogLevel.Debug, $"{request.OperationId}: {request.Method} {uri.AbsolutePath} (attempt {attempt + 1})", null);
                }

                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                telemetry.Response(response, attempt);

                if (response.IsSuccessStatusCode)
                {
                    var value = await ReadSuccessAsync(request, response, readBody, rawBytes, linked.Token).ConfigureAwait(false);
                    return new ApiResponse<T>(value, response.StatusCode, response.Headers, attempt);
                }

                var error = await ReadErrorAsync(response, linked.Token).ConfigureAwait(false);
                serverDelay = RetryPolicy.ServerDelay(response.Headers, DateTimeOffset.UtcNow);
                var longWait = serverDelay is { } asked && asked > RetryPolicy.MaxServerDelay;
                var exception = CreateException(response, error, longWait || (int)response.StatusCode == 429 ? serverDelay : null);
                if (attempt >= _options.MaxRetries || longWait || !RetryPolicy.IsRetryable(response, error.Code))
                {
                    Log(ApiLogLevel.Error, $"{request.OperationId} failed with HTTP {(int)response.StatusCode} after {attempt + 1} attempt(s): {exception.Message}", null);
                    telemetry.Failed(exception, attempt);
                    throw exception;
                }

                failure = exception;
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw CallerCancelled(ex, cancellationToken);
            }
            catch (OperationCanceledException ex) when (linked.IsCancellationRequested)
            {
                throw Timedout(request, attempt, ex, telemetry);
            }
            catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
            {
                failure = ex; // HttpClient.Timeout of a caller's client: a per-attempt timeout, retried
            }
            catch (HttpRequestException ex)
            {
                failure = ex;
            }
            catch (IOException ex)
            {
                failure = ex; // the connection broke while the body was being read
            }

            if (attempt >= _options.MaxRetries)
            {
                var final = failure is OperationCanceledException
                    ? (Exception)new ApiTimeoutException($"{request.OperationId} timed out (HttpClient.Timeout) on each of {attempt + 1} attempt(s).", failure)
                    : new ApiConnectionException($"{request.OperationId} could not reach {uri.GetLeftPart(UriPartial.Path)} after {attempt + 1} attempt(s): {failure.Message}", failure);
                Log(ApiLogLevel.Error, final.Message, failure);
                telemetry.Failed(final, attempt);
                throw final;
            }

            var delay = serverDelay is { } server && server >= TimeSpan.Zero && server <= RetryPolicy.MaxServerDelay
                ? server
                : RetryPolicy.Backoff(attempt, (t_random ??= new Random()).NextDouble());
            Log(ApiLogLevel.Warning, $"{request.OperationId} attempt {attempt + 1} failed ({Describe(failure)}); retrying in {delay.TotalMilliseconds:0} ms", failure is ApiException ? null : failure);

            try
            {
                await Task.Delay(delay, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw CallerCancelled(ex, cancellationToken);
            }
            catch (OperationCanceledException ex) when (linked.IsCancellationRequested)
            {
                throw Timedout(request, attempt, ex, telemetry);
            }
        }
    }

    /// <summary>The caller's cancellation, carrying the caller's token rather than the internal linked one.</summary>
    private static OperationCanceledException CallerCancelled(OperationCanceledException inner, CancellationToken cancellationToken)
        => inner.CancellationToken == cancellationToken ? inner : new OperationCanceledException(inner.Message, inner, cancellationToken);

    private ApiTimeoutException Timedout(ApiRequest request, int attempt, Exception inner, Telemetry telemetry)
    {
        var exception = new ApiTimeoutException($"{request.OperationId} did not complete within {_options.Timeout} (ClientOptions.Timeout, {attempt + 1} attempt(s)).", inner);
        Log(ApiLogLevel.Error, exception.Message, null);
        telemetry.Failed(exception, attempt);
        return exception;
    }

    private static string Describe(Exception failure) => failure switch
    {
        ApiException api => $"HTTP {(int)api.StatusCode}",
        OperationCanceledException => "HttpClient timeout",
        _ => failure.GetType().Name + ": " + failure.Message,
    };

    /// <summary>Reads a caller's content once, with its headers (a multipart boundary lives there), for re-sending.</summary>
    private static async Task<(byte[] Bytes, List<KeyValuePair<string, IEnumerable<string>>> Headers)> BufferAsync(HttpContent content)
    {
        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (bytes, content.Headers.ToList());
    }

    private HttpRequestMessage CreateMessage(ApiRequest request, Uri uri, int attempt, string? idempotencyKey, (byte[] Bytes, List<KeyValuePair<string, IEnumerable<string>>> Headers)? rawBody)
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

        if (rawBody is { } raw)
        {
            var content = new ByteArrayContent(raw.Bytes);
            foreach (var header in raw.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            message.Content = content;
        }
        else if (request.Body is { } body)
        {
            // A fresh content per attempt over the same bytes: a retry re-sends the body intact.
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
            message.Content = content;
        }

        return message;
    }

    private static async Task<T> ReadSuccessAsync<T>(ApiRequest request, HttpResponseMessage response, JsonValueReader<T>? readBody, bool rawBytes, CancellationToken cancellationToken)
    {
        if (readBody is null)
        {
            return default!;
        }

        var (buffer, length) = await ReadAllAsync(response.Content, cancellationToken).ConfigureAwait(false);
        try
        {
            if (rawBytes)
            {
                return (T)(object)buffer.AsSpan(0, length).ToArray();
            }

            return Deserialize(request, response, readBody, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static T Deserialize<T>(ApiRequest request, HttpResponseMessage response, JsonValueReader<T> readBody, ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                throw new JsonException("The body is empty.", "$", null, null);
            }

            var value = readBody(ref reader);
            if (reader.Read())
            {
                throw new JsonException("There is more content after the JSON value.", "$", null, null);
            }

            return value;
        }
        catch (JsonException ex)
        {
            var requestId = HeaderValue(response.Headers, "x-request-id");
            throw new ApiResponseFormatException(
                $"The response to {request.OperationId} (HTTP {(int)response.StatusCode}) is not what the spec describes: {ex.Message}",
                request.OperationId,
                ex.Path,
                requestId,
                ex);
        }
    }

    /// <summary>Reads the whole body into a pooled buffer; the caller returns it to the pool.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(HttpContent content, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var declared = content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and < 16 * 1024 * 1024 ? (int)declared.Value + 1 : 16 * 1024);
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

#if NET8_0_OR_GREATER
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
#else
                var read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
#endif
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private readonly record struct ErrorBody(string? Body, string? Message, string? Type, string? Code, string? Param);

    private static async Task<ErrorBody> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var (buffer, length) = await ReadAllAsync(response.Content, cancellationToken).ConfigureAwait(false);
            try
            {
                text = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, MaxErrorBodyChars * 4));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            text = string.Empty; // the status says enough; a broken error body must not hide it
        }

        if (text.Length > MaxErrorBodyChars)
        {
            text = text.Substring(0, MaxErrorBodyChars);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new ErrorBody(text, Text(error, "message"), Text(error, "type"), Text(error, "code"), Text(error, "param"));
            }
        }
        catch (JsonException)
        {
            // HTML from a proxy, plain text, an empty body: keep the raw text.
        }

        return new ErrorBody(text, null, null, null, null);
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    private ApiException CreateException(HttpResponseMessage response, ErrorBody error, TimeSpan? retryAfter)
    {
        var status = response.StatusCode;
        var requestId = HeaderValue(response.Headers, "x-request-id");
        var message = error.Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            var snippet = Snippet(error.Body);
            message = $"HTTP {(int)status} {response.ReasonPhrase ?? status.ToString()}" + (snippet.Length == 0 ? " with an empty body." : $": {snippet}");
        }

        if (status == HttpStatusCode.Unauthorized && string.IsNullOrEmpty(_options.ApiKey))
        {
            message += $" No API key was sent: set ClientOptions.ApiKey or the {ClientOptions.ApiKeyVariable} environment variable.";
        }

        var code = (int)status;
        return code switch
        {
            400 => new BadRequestException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            401 => new AuthenticationException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            403 => new PermissionDeniedException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            404 => new NotFoundException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            409 => new ConflictException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            422 => new UnprocessableEntityException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            429 => new RateLimitException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers, retryAfter),
            >= 500 => new InternalServerException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            _ => new ApiException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
        };
    }

    private static string Snippet(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var collapsed = string.Join(" ", body!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length > 200 ? collapsed.Substring(0, 200) + "…" : collapsed;
    }

    /// <summary>The first value of a header, or null.</summary>
    public static string? HeaderValue(HttpHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Whether a message of <paramref name="level"/> is wanted: checked before formatting one.</summary>
    private bool IsLogging(ApiLogLevel level) => _options.Logger is { } logger && logger.IsEnabled(level);

    private void Log(ApiLogLevel level, string message, Exception? exception)
    {
        var logger = _options.Logger;
        if (logger is not null && logger.IsEnabled(level))
        {
            logger.Log(level, message, exception);
        }
    }

    /// <summary>Disposes the HttpClient if the pipeline created it; a caller's client is left alone.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }
}
