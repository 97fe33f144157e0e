using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
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
    private readonly CredentialSet _credentials;
    private readonly ApiConventions _conventions;
    private readonly PipelineLog _log;

    /// <summary>Redirects followed per attempt; a server that redirects more is answered by its last redirect.</summary>
    private const int MaxRedirects = 10;

    /// <summary>
    /// Creates the pipeline. A given <paramref name="httpClient"/> is used as is and never disposed;
    /// without one the pipeline makes and owns its own.
    /// </summary>
    public ApiPipeline(HttpClient? httpClient, ClientOptions? options, ApiDescription api)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        // A copy: the caller changing its options later cannot change this client. Their setters checked the values.
        _options = options?.Clone() ?? new ClientOptions();
        BaseAddress = BaseAddressResolver.Resolve(_options, httpClient, api);
        _credentials = new CredentialSet(api, _options);
        _conventions = api.Conventions;
        _messages = new RequestMessageFactory(_options, api.Conventions);
        _log = new PipelineLog(_options.Logger);
        _ownsHttpClient = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
    }

    /// <summary>The address requests are sent to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The client's clock (<see cref="ClientOptions.TimeProvider"/>), for timeouts, backoff and polling.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    private static HttpClient CreateHttpClient()
    {
#if NET8_0_OR_GREATER
        // Recycle pooled connections so DNS changes are seen; the whole-call timeout is ours, not HttpClient's.
        // Redirects are followed by the pipeline, which sends credentials to the client's own origin only.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All, AllowAutoRedirect = false };
#else
        var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate, AllowAutoRedirect = false };
#endif
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends the request and reads a JSON body with <paramref name="readBody"/>.</summary>
    public Task<ApiResponse<T>> SendAsync<T>(ApiRequest request, JsonValueReader<T> readBody, CancellationToken cancellationToken)
        => SendCoreAsync(request, new JsonResponseReader<T>(readBody, _options.StrictResponseReading, _log), cancellationToken);

    /// <summary>Sends the request and ignores any body.</summary>
    public Task<ApiResponse<bool>> SendAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync(request, EmptyResponseReader.Instance, cancellationToken);

    /// <summary>
    /// Sends the request and returns once the headers are in, leaving the body on the open
    /// connection: dispose the <see cref="StreamedResponse"/> to release it.
    /// </summary>
    public Task<ApiResponse<StreamedResponse>> SendForStreamAsync(ApiRequest request, CancellationToken cancellationToken)
        => SendCoreAsync(request, StreamResponseReader.Instance, cancellationToken);

    /// <summary>
    /// Sends the request when the enumeration starts and yields the events of its
    /// <c>text/event-stream</c> response, each <c>data</c> read with <paramref name="readEvent"/>.
    /// Retries and the whole-call timeout cover getting the headers; after that the events come as
    /// the server sends them, and ending the enumeration closes the connection.
    /// </summary>
    public async IAsyncEnumerable<T> StreamEventsAsync<T>(ApiRequest request, EventValueReader<T> readEvent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await SendForStreamAsync(request, cancellationToken).ConfigureAwait(false);
        await foreach (var item in EventStreamReader.ReadAsync(response.Value, readEvent, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async Task<ApiResponse<T>> SendCoreAsync<T>(ApiRequest request, ResponseReader<T> reader, CancellationToken cancellationToken)
    {
        // The call's own token, joined with its RequestOptions' token: either is the caller cancelling.
        using var callerLinked = request.Options is { CancellationToken: { CanBeCanceled: true } optionsToken }
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, optionsToken)
            : null;
        if (callerLinked is not null)
        {
            cancellationToken = callerLinked.Token;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.BuildUri(BaseAddress);
        var idempotencyKey = RequestMessageFactory.NewIdempotencyKey(request);
        var timeout = request.Options?.Timeout ?? _options.Timeout;
        var maxRetries = request.Options?.MaxRetries ?? _options.MaxRetries;
        // One source for both the caller's token and the whole-call timeout; which one fired is
        // told apart by the caller's token.
        // The timeout runs on the client's clock, so a fake clock drives it in tests.
        using var timer = timeout == Timeout.InfiniteTimeSpan ? null : Clock.TimeoutSource(TimeProvider, timeout);
        using var linked = timer is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        using var telemetry = Telemetry.Start(request, uri);
        var buffered = await RequestMessageFactory.BufferAsync(request, _conventions, linked.Token).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            TimeSpan? serverDelay = null;
            try
            {
                _log.Sending(request, uri, attempt);
                var exchange = await SendFollowingRedirectsAsync(request, uri, attempt, idempotencyKey, buffered, linked.Token).ConfigureAwait(false);
                var keepResponse = false;
                try
                {
                    var response = exchange.Response;
                    telemetry.Response(response, attempt);

                    if (response.IsSuccessStatusCode)
                    {
                        var value = await reader.ReadAsync(request, response, attempt, linked.Token).ConfigureAwait(false);
                        keepResponse = reader.KeepsResponse;
                        return new ApiResponse<T>(value, response.StatusCode, response.Headers, attempt);
                    }

                    var error = await ErrorBodyReader.ReadAsync(response, request.ReadError, linked.Token).ConfigureAwait(false);
                    serverDelay = RetryPolicy.ServerDelay(response.Headers, TimeProvider.GetUtcNow(), _conventions);
                    var longWait = serverDelay is { } asked && asked > RetryPolicy.MaxServerDelay;
                    var exception = ApiExceptionFactory.Create(response, error, longWait || (int)response.StatusCode == 429 ? serverDelay : null, _credentials.DescribeMissing(request.Security));
                    if (attempt >= maxRetries || longWait || !RetryPolicy.IsRetryable(response, error.Code, _conventions))
                    {
                        _log.Log(ApiLogLevel.Error, $"{request.OperationId} failed with HTTP {(int)response.StatusCode} after {attempt + 1} attempt(s): {exception.Message}");
                        telemetry.Failed(exception, attempt);
                        throw exception;
                    }

                    failure = exception;
                }
                finally
                {
                    exchange.Dispose(keepResponse);
                }
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw CallerCancelled(ex, cancellationToken);
            }
            catch (OperationCanceledException ex) when (linked.IsCancellationRequested)
            {
                throw TimedOut(request, attempt, timeout, ex, telemetry);
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

            if (attempt >= maxRetries)
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
                await Clock.DelayAsync(TimeProvider, delay, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw CallerCancelled(ex, cancellationToken);
            }
            catch (OperationCanceledException ex) when (linked.IsCancellationRequested)
            {
                throw TimedOut(request, attempt, timeout, ex, telemetry);
            }
        }
    }

    /// <summary>
    /// Sends one attempt, following redirects here rather than in the handler: the credentials of
    /// the operation's scheme go only to the client's own origin (scheme, host and port of its base
    /// address), so neither an operation's other server nor a redirect elsewhere receives them.
    /// </summary>
    private async Task<Exchange> SendFollowingRedirectsAsync(ApiRequest request, Uri uri, int attempt, string? idempotencyKey, BufferedContent? buffered, CancellationToken cancellationToken)
    {
        var schemes = _credentials.Choose(request.Security);
        var method = request.Method;
        var withBody = true;
        for (var hop = 0; ; hop++)
        {
            var message = _messages.Create(request, method, uri, attempt, idempotencyKey, buffered, withBody);
            HttpResponseMessage response;
            try
            {
                if (IsSameOrigin(uri, BaseAddress))
                {
                    await _credentials.ApplyAsync(message, schemes, cancellationToken).ConfigureAwait(false);
                }

                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                message.Dispose();
                throw;
            }

            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || hop >= MaxRedirects || response.Headers.Location is not { } location)
            {
                return new Exchange(message, response);
            }

            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
            {
                return new Exchange(message, response);
            }

            response.Dispose();
            message.Dispose();
            // 303 always, and 301/302 after a POST as browsers and HttpClient do, become a GET without the body.
            if (status == 303 || (status is 301 or 302 && method == "POST"))
            {
                method = method == "HEAD" ? "HEAD" : "GET";
                withBody = false;
            }

            uri = next;
        }
    }

    private static bool IsSameOrigin(Uri a, Uri b)
        => string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
           && a.Port == b.Port;

    /// <summary>A request and its response, disposed together once the response is read.</summary>
    private readonly struct Exchange
    {
        public Exchange(HttpRequestMessage message, HttpResponseMessage response)
        {
            Message = message;
            Response = response;
        }

        public HttpRequestMessage Message { get; }

        public HttpResponseMessage Response { get; }

        /// <summary>Disposes the request, and the response unless its body is handed to the caller.</summary>
        public void Dispose(bool keepResponse)
        {
            if (!keepResponse)
            {
                Response.Dispose();
            }

            Message.Dispose();
        }
    }

    /// <summary>The caller's cancellation, carrying the caller's token rather than the internal linked one.</summary>
    private static OperationCanceledException CallerCancelled(OperationCanceledException inner, CancellationToken cancellationToken)
        => inner.CancellationToken == cancellationToken ? inner : new OperationCanceledException(inner.Message, inner, cancellationToken);

    private ApiTimeoutException TimedOut(ApiRequest request, int attempt, TimeSpan timeout, Exception inner, Telemetry telemetry)
    {
        var setting = request.Options?.Timeout is null ? "ClientOptions.Timeout" : "RequestOptions.Timeout";
        var exception = new ApiTimeoutException($"{request.OperationId} did not complete within {timeout} ({setting}, {attempt + 1} attempt(s)).", inner);
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
