using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// Sends the requests of a generated client: the whole-call timeout and retries with backoff.
/// Everything else has its own home: <see cref="BaseAddressResolver"/> (where requests go),
/// <see cref="RequestMessageFactory"/> (what each attempt sends), <see cref="ResponseReader{T}"/>
/// (what a success becomes), <see cref="ErrorBodyReader"/> and <see cref="ApiExceptionFactory"/>
/// (what a failure becomes), <see cref="RetryPolicy"/> (whether and when to try again).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiPipeline : IDisposable
{
    [ThreadStatic]
    private static Random? t_random;

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly ClientOptions _options;
    private readonly RequestMessageFactory _messages;
    private readonly PipelineLog _log;

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

        BaseAddress = BaseAddressResolver.Resolve(_options, httpClient, defaultBaseAddress);
        _ownsHttpClient = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
        _messages = new RequestMessageFactory(_options);
        _log = new PipelineLog(_options.Logger);
    }

    /// <summary>The address requests are sent to.</summary>
    public Uri BaseAddress { get; }

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

    /// <summary>Sends the request and reads a JSON body with <paramref name="readBody"/>.</summary>
    public Task<ApiResponse<T>> SendAsync<T>(ApiRequest request, JsonValueReader<T> readBody, CancellationToken cancellationToken)
        => SendCoreAsync(request, new JsonResponseReader<T>(readBody), cancellationToken);

    /// <summary>Sends the request and ignores any body.</summary>
    public Task<ApiResponse<bool>> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync(request, EmptyResponseReader.Instance, cancellationToken);

    /// <summary>Sends the request and returns the raw body bytes.</summary>
    public Task<ApiResponse<byte[]>> SendForBytesAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync(request, BytesResponseReader.Instance, cancellationToken);

    private async Task<ApiResponse<T>> SendCoreAsync<T>(ApiRequest request, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.BuildUri(BaseAddress);
        var idempotencyKey = RequestMessageFactory.NewIdempotencyKey(request);
        // One source for both the caller's token and the whole-call timeout; which one fired is
        // told apart by the caller's token.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Timeout != Timeout.InfiniteTimeSpan)
        {
            linked.CancelAfter(_options.Timeout);
        }

        using var telemetry = Telemetry.Start(request, uri);
        var buffered = await RequestMessageFactory.BufferAsync(request).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            TimeSpan? serverDelay = null;
            try
            {
                using var message = _messages.Create(request, uri, attempt, idempotencyKey, buffered);
                _log.Sending(request, uri, attempt);
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                telemetry.Response(response, attempt);

                if (response.IsSuccessStatusCode)
                {
                    var value = await reader.ReadAsync(request, response, linked.Token).ConfigureAwait(false);
                    return new ApiResponse<T>(value, response.StatusCode, response.Headers, attempt);
                }

                var error = await ErrorBodyReader.ReadAsync(response, linked.Token).ConfigureAwait(false);
                serverDelay = RetryPolicy.ServerDelay(response.Headers, DateTimeOffset.UtcNow);
                var longWait = serverDelay is { } asked && asked > RetryPolicy.MaxServerDelay;
                var exception = ApiExceptionFactory.Create(response, error, longWait || (int)response.StatusCode == 429 ? serverDelay : null, _messages.HasCredential);
                if (attempt >= _options.MaxRetries || longWait || !RetryPolicy.IsRetryable(response, error.Code))
                {
                    _log.Log(ApiLogLevel.Error, $"{request.OperationId} failed with HTTP {(int)response.StatusCode} after {attempt + 1} attempt(s): {exception.Message}");
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
                throw TimedOut(request, attempt, ex, telemetry);
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
                _log.Log(ApiLogLevel.Error, final.Message, failure);
                telemetry.Failed(final, attempt);
                throw final;
            }

            var delay = serverDelay is { } server && server >= TimeSpan.Zero && server <= RetryPolicy.MaxServerDelay
                ? server
                : RetryPolicy.Backoff(attempt, (t_random ??= new Random()).NextDouble());
            _log.Retrying(request, attempt, failure, delay);

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
                throw TimedOut(request, attempt, ex, telemetry);
            }
        }
    }

    /// <summary>The caller's cancellation, carrying the caller's token rather than the internal linked one.</summary>
    private static OperationCanceledException CallerCancelled(OperationCanceledException inner, CancellationToken cancellationToken)
        => inner.CancellationToken == cancellationToken ? inner : new OperationCanceledException(inner.Message, inner, cancellationToken);

    private ApiTimeoutException TimedOut(ApiRequest request, int attempt, Exception inner, Telemetry telemetry)
    {
        var exception = new ApiTimeoutException($"{request.OperationId} did not complete within {_options.Timeout} (ClientOptions.Timeout, {attempt + 1} attempt(s)).", inner);
        _log.Log(ApiLogLevel.Error, exception.Message);
        telemetry.Failed(exception, attempt);
        return exception;
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
