using BatchGen.Testing;
using Keys;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Which statuses are retried, how server waits that cannot be honoured are treated, and where a
/// client's requests go when the options say nothing usable; over the fake server and a recording
/// one, waits on an <see cref="ObservedClock"/>.
/// </summary>
public sealed class RetryDecisionTests : ClientTestBase
{
    private readonly ObservedClock _clock = new();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(599)]
    public async Task These_statuses_are_retried(int status)
    {
        Server.Inject(Fast(status));
        using var client = NewClient();
        var response = await client.ListBatchesWithResponseAsync();
        Assert.Equal(1, response.RetryCount);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task These_statuses_are_not(int status)
    {
        Server.Inject(Fast(status));
        using var client = NewClient();
        await Assert.ThrowsAnyAsync<ApiStatusException>(() => client.ListBatchesAsync());
        Assert.Single(Server.Requests);
    }

    [Theory]
    [InlineData("retry-after-ms", "Infinity")]
    [InlineData("retry-after-ms", "NaN")]
    [InlineData("retry-after", "-Infinity")]
    [InlineData("retry-after", "Infinity")] // not a number of seconds: no "wait forever"
    [InlineData("retry-after", "NaN")]
    public async Task A_wait_that_is_no_number_of_time_falls_back_to_the_backoff(string header, string value)
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { [header] = value }));
        using var client = NewClient(o => o.TimeProvider = _clock);

        var call = client.ListBatchesWithResponseAsync();
        var wait = await _clock.NextWaitAsync();
        _clock.Advance(wait);
        var response = await call;

        Assert.InRange(wait, TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, response.RetryCount);
    }

    [Theory]
    [InlineData("retry-after-ms", "1e300")]
    [InlineData("retry-after", "1e300")]
    public async Task An_enormous_wait_fails_at_once_instead_of_overflowing(string header, string value)
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { [header] = value }));
        using var client = NewClient(o => o.TimeProvider = _clock);

        var ex = await Assert.ThrowsAsync<RateLimitException>(() => client.ListBatchesAsync().WaitAsync(TimeSpan.FromMinutes(1))); // a guard against a hang, not a timing

        Assert.True(ex.RetryAfter > TimeSpan.FromDays(365), $"RetryAfter {ex.RetryAfter}");
        Assert.Single(Server.Requests);
    }

    [Fact]
    public void A_relative_base_address_is_refused_naming_the_option()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewClient(o => o.BaseAddress = new Uri("v1/", UriKind.Relative)));
        Assert.Equal("ClientOptions.BaseAddress must be an absolute URL, not 'v1/'.", ex.Message);
    }

    [Theory]
    [InlineData("/v1")] // on Unix, Uri reads this as file:///v1
    [InlineData("ftp://example.com/v1")]
    public void A_base_address_that_is_not_http_is_refused(string address)
    {
        var ex = Assert.Throws<ArgumentException>(() => NewClient(o => o.BaseAddress = new Uri(address, UriKind.RelativeOrAbsolute)));
        Assert.StartsWith("ClientOptions.BaseAddress must be an absolute URL", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/v1")]
    public void A_spec_with_no_absolute_server_needs_a_base_address_and_says_how(string? server)
    {
        var api = new ApiDescription(server, "NOSERVER", Array.Empty<SecurityScheme>(), Array.Empty<string[]>());
        var ex = Assert.Throws<ArgumentException>(() => new ApiPipeline(null, new ClientOptions(), api));
        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith("The spec names no absolute server: set ClientOptions.BaseAddress or NOSERVER_BASE_URL.", ex.Message);
    }
}

/// <summary>A client whose spec has no OpenAI conventions: <c>retry-after-ms</c> and <c>x-should-retry</c> mean nothing to it.</summary>
public sealed class PlainConventionRetryTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retry_after_ms_is_ignored_and_retry_after_honoured()
    {
        var clock = new ObservedClock();
        var first = true;
        _server.Respond = _ =>
        {
            if (!first)
            {
                return new RecordingServer.Answer(204);
            }

            first = false;
            return new RecordingServer.Answer(429) { Headers = { ["retry-after-ms"] = "250", ["retry-after"] = "2", ["x-should-retry"] = "false" } };
        };
        using var client = new KeysClient(new ClientOptions { BaseAddress = new Uri(_server.Origin, "v1"), TimeProvider = clock });

        var call = client.GetPublicAsync();
        var wait = await clock.NextWaitAsync();
        clock.Advance(wait);
        await call;

        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.Equal(2, _server.Requests.Count);
    }
}
