using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Which failures are retried, how long the client waits, and what it throws in the end.</summary>
public sealed class RetryTests : ClientTestBase
{
    private static Func<string, string, bool> Cancel => (method, path) => method == "POST" && path.EndsWith("/cancel", StringComparison.Ordinal);

    // The server and the client share a fake clock: the server stamps each request with it, and
    // the test sees each wait the client starts, so waits are read exactly and nobody sleeps.
    private readonly ObservedClock _clock = new();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    private int Cancels => CountRequests("POST", "/cancel");

    /// <summary>
    /// Lets the client's next wait pass, after checking that it has sent <paramref name="sentSoFar"/>
    /// attempts and no more: the retry waits for the clock.
    /// </summary>
    private async Task<TimeSpan> LetNextWaitPassAsync(int sentSoFar)
    {
        var wait = await _clock.NextWaitAsync();
        Assert.Equal(sentSoFar, Cancels);
        _clock.Advance(wait);
        return wait;
    }

    [Fact]
    public async Task A_429_with_retry_after_ms_is_retried_after_that_delay()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();
        Server.Inject(Fault.Error(429, "Rate limit reached.", "requests", headers: new Dictionary<string, string> { ["retry-after-ms"] = "300" }));

        var call = client.CancelBatchWithResponseAsync(id);
        Assert.Equal(TimeSpan.FromMilliseconds(300), await LetNextWaitPassAsync(sentSoFar: 1));
        var response = await call;

        Assert.Equal(BatchStatus.Cancelling, response.Value.Status);
        Assert.Equal(1, response.RetryCount);
        Assert.Equal(2, Cancels);
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_honoured()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();
        Server.Inject(Fault.Error(429, "Rate limit reached.", headers: new Dictionary<string, string> { ["retry-after"] = "1" }));

        var call = client.CancelBatchAsync(id);
        Assert.Equal(TimeSpan.FromSeconds(1), await LetNextWaitPassAsync(sentSoFar: 1));
        await call;

        Assert.Equal(2, Cancels);
    }

    [Fact]
    public async Task A_429_with_retry_after_as_an_http_date_is_honoured_on_the_client_clock()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();
        _clock.Advance(TimeSpan.FromMilliseconds(250)); // mid-second: the wait is to the date, not a whole number of seconds
        var when = _clock.GetUtcNow().AddSeconds(2);
        Server.Inject(Fault.Error(429, "Rate limit reached.", headers: new Dictionary<string, string> { ["retry-after"] = when.ToString("r", CultureInfo.InvariantCulture) }));

        var call = client.CancelBatchAsync(id);
        Assert.Equal(TimeSpan.FromMilliseconds(1750), await LetNextWaitPassAsync(sentSoFar: 1)); // "r" keeps whole seconds
        await call;

        Assert.Equal(2, Cancels);
    }

    [Fact]
    public async Task A_retry_after_of_two_hours_fails_fast_with_the_delay_reported()
    {
        // On a clock that never moves: a client that slept on the two hours would never return.
        using var client = NewClient(o => o.TimeProvider = TestTime.NewClock());
        var id = Server.Seed();
        Server.Inject(Fault.Error(429, "Rate limit reached for batches.", "requests", headers: new Dictionary<string, string> { ["retry-after"] = "7200" }));

        var ex = await Assert.ThrowsAsync<RateLimitException>(() => client.CancelBatchAsync(id).WaitAsync(TimeSpan.FromMinutes(2))); // a guard against a hang, not a timing

        Assert.Equal(TimeSpan.FromHours(2), ex.RetryAfter);
        Assert.Equal("Rate limit reached for batches.", ex.Message);
        Assert.Equal(1, CountRequests("POST", "/cancel"));
    }

    [Fact]
    public async Task Insufficient_quota_is_not_retried()
    {
        using var client = NewClient();
        var id = Server.Seed();
        Server.Inject(Fast(429, code: "insufficient_quota", times: 5, message: "You exceeded your current quota."));

        var ex = await Assert.ThrowsAsync<RateLimitException>(() => client.CancelBatchAsync(id));

        Assert.Equal("insufficient_quota", ex.ErrorCode);
        Assert.Equal(1, CountRequests("POST", "/cancel"));
    }

    [Fact]
    public async Task X_should_retry_false_stops_a_retry_of_a_500()
    {
        using var client = NewClient();
        Server.Inject(Fast(500, headers: new Dictionary<string, string> { ["x-should-retry"] = "false" }, times: 5));
        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task X_should_retry_true_retries_a_400()
    {
        using var client = NewClient();
        Server.Inject(Fast(400, headers: new Dictionary<string, string> { ["x-should-retry"] = "true" }));
        var page = await client.ListBatchesAsync();
        Assert.NotNull(page);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task Two_500s_then_success_succeeds_with_the_default_backoff()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();
        Server.Inject(Fault.Error(500, "The server had an error.", times: 2, headers: new Dictionary<string, string>()));

        var call = client.CancelBatchWithResponseAsync(id);
        // min(0.5·2ⁿ, 8) s less up to 25 %: 0.375–0.5 s, then 0.75–1 s.
        var first = await LetNextWaitPassAsync(sentSoFar: 1);
        var second = await LetNextWaitPassAsync(sentSoFar: 2);
        var response = await call;

        Assert.InRange(first, TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(500));
        Assert.InRange(second, TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1000));
        Assert.Equal(2, response.RetryCount);
        Assert.Equal(3, Cancels);
    }

    [Fact]
    public async Task Retries_stop_after_max_retries_with_a_typed_exception()
    {
        using var client = NewClient(o => o.MaxRetries = 3);
        Server.Inject(Fast(503, times: 10, message: "Service unavailable."));

        var ex = await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(4, Server.Requests.Count); // MaxRetries + 1
    }

    [Fact]
    public async Task Max_retries_zero_sends_once()
    {
        using var client = NewClient(o => o.MaxRetries = 0);
        Server.Inject(Fast(500, times: 10));
        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_post_body_and_idempotency_key_are_resent_intact()
    {
        using var client = NewClient();
        Server.Inject(Fast(500));
        await client.CreateBatchAsync(new CreateBatchRequest
        {
            InputFileId = "file-abc123",
            Endpoint = CreateBatchRequestEndpoint.V1Embeddings,
            CompletionWindow = "24h",
        });

        var requests = Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Contains("file-abc123", requests[1].Body);
        Assert.Equal(requests[0].Headers["Idempotency-Key"], requests[1].Headers["Idempotency-Key"]);
        Assert.Equal("0", requests[0].Headers["X-BatchGen-Retry-Count"]);
        Assert.Equal("1", requests[1].Headers["X-BatchGen-Retry-Count"]);
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_retried()
    {
        using var client = NewClient();
        var id = Server.Seed();
        Server.Inject(new Fault { ResetAfterBodyBytes = 40 });

        var response = await client.RetrieveBatchWithResponseAsync(id);

        Assert.Equal(id, response.Value.Id);
        Assert.Equal(1, response.RetryCount);
    }

    [Fact]
    public async Task Connection_resets_on_every_attempt_end_in_a_connection_exception()
    {
        using var client = NewClient(o => o.MaxRetries = 1);
        var id = Server.Seed();
        Server.Inject(new Fault { ResetAfterBodyBytes = 40, Times = 5 });

        var ex = await Assert.ThrowsAsync<ApiConnectionException>(() => client.RetrieveBatchAsync(id));

        Assert.Contains("retrieveBatch", ex.Message);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_refused_connection_ends_in_a_connection_exception()
    {
        var address = RefusedPort.BaseAddress();
        using var client = new OpenAIClient(new ClientOptions { ApiKey = "sk-x", BaseAddress = address, MaxRetries = 1 });
        var ex = await Assert.ThrowsAsync<ApiConnectionException>(() => client.ListBatchesAsync());
        Assert.Contains("listBatches", ex.Message);
        Assert.Contains(address.Authority, ex.Message);
    }

    [Fact]
    public async Task An_html_502_is_a_typed_server_error_with_the_raw_text()
    {
        using var client = NewClient(o => o.MaxRetries = 0);
        Server.Inject(new Fault { Status = 502, ContentType = "text/html", Body = "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>" });

        var ex = await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("502 Bad Gateway", ex.Message);
        Assert.Contains("<h1>502 Bad Gateway</h1>", ex.ResponseBody);
        Assert.Null(ex.ErrorType);
    }

    [Fact]
    public async Task An_empty_error_body_still_gives_the_status()
    {
        using var client = NewClient(o => o.MaxRetries = 0);
        Server.Inject(new Fault { Status = 404, Body = string.Empty });
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.ListBatchesAsync());
        Assert.Contains("404", ex.Message);
        Assert.Contains("empty body", ex.Message);
    }

    [Theory]
    [InlineData(403, typeof(PermissionDeniedException))]
    [InlineData(409, typeof(ConflictException))]
    [InlineData(422, typeof(UnprocessableEntityException))]
    [InlineData(418, typeof(ApiStatusException))]
    public async Task Each_status_has_its_exception_type(int status, Type expected)
    {
        using var client = NewClient(o => o.MaxRetries = 0);
        Server.Inject(Fast(status));
        var ex = await Assert.ThrowsAnyAsync<ApiStatusException>(() => client.ListBatchesAsync());
        Assert.Equal(expected, ex.GetType());
        Assert.Equal("Injected failure.", ex.Message);
    }

    [Fact]
    public void Backoff_doubles_to_a_cap_of_eight_seconds_with_up_to_25_percent_jitter()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.5), RetryPolicy.Backoff(0, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryPolicy.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.Backoff(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryPolicy.Backoff(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryPolicy.Backoff(10, 0));
        Assert.Equal(TimeSpan.FromSeconds(6), RetryPolicy.Backoff(10, 1));
    }
}
