using System.Globalization;
using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The server's Retry-After is honoured from 0 to 60 seconds inclusive; longer fails at once with
/// the delay reported; a negative one falls back to the client's own backoff. Waits are read on an
/// <see cref="ObservedClock"/> shared with the server.
/// </summary>
public sealed class RetryAfterCapTests : ClientTestBase
{
    private readonly ObservedClock _clock = new();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    private Task<TimeSpan> RetriedAfter(string header, string value)
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { [header] = value }));
        return RunAsync();
    }

    private async Task<TimeSpan> RunAsync()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var call = client.ListBatchesWithResponseAsync();
        var wait = await _clock.NextWaitAsync();
        Assert.Single(Server.Requests);
        _clock.Advance(wait);
        var response = await call;
        Assert.Equal(1, response.RetryCount);
        return wait;
    }

    [Theory]
    [InlineData("retry-after", "60", 60_000)]
    [InlineData("retry-after", "1.5", 1_500)]
    [InlineData("retry-after-ms", "60000", 60_000)]
    [InlineData("retry-after-ms", "250", 250)]
    public async Task A_wait_up_to_sixty_seconds_is_honoured_exactly(string header, string value, double milliseconds)
        => Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), await RetriedAfter(header, value));

    [Theory]
    [InlineData("retry-after", "-5")]
    [InlineData("retry-after-ms", "-1")]
    [InlineData("retry-after", "soon")]
    public async Task A_negative_or_unreadable_wait_falls_back_to_the_backoff(string header, string value)
        => Assert.InRange(await RetriedAfter(header, value), TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(500));

    [Fact]
    public async Task A_date_already_past_falls_back_to_the_backoff()
    {
        var past = _clock.GetUtcNow().AddSeconds(-30).ToString("r", CultureInfo.InvariantCulture);
        Assert.InRange(await RetriedAfter("retry-after", past), TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Retry_after_ms_wins_over_retry_after()
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { ["retry-after-ms"] = "250", ["retry-after"] = "30" }));
        Assert.Equal(TimeSpan.FromMilliseconds(250), await RunAsync());
    }

    [Fact]
    public async Task A_zero_wait_retries_without_waiting()
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { ["retry-after"] = "0" }));
        var start = _clock.GetUtcNow();
        using var client = NewClient(o => o.TimeProvider = _clock);

        var response = await client.ListBatchesWithResponseAsync();

        Assert.Equal(1, response.RetryCount);
        Assert.Equal(start, _clock.GetUtcNow()); // nothing had to move the clock
    }

    [Theory]
    [InlineData(429, "retry-after", "61")]
    [InlineData(429, "retry-after", "60.001")]
    [InlineData(429, "retry-after-ms", "60001")]
    [InlineData(503, "retry-after", "61")]
    public async Task A_wait_past_sixty_seconds_fails_at_once(int status, string header, string value)
    {
        Server.Inject(Fault.Error(status, "Come back later.", headers: new Dictionary<string, string> { [header] = value }, times: 5));
        using var client = NewClient(o => o.TimeProvider = _clock);

        var ex = await Assert.ThrowsAnyAsync<ApiStatusException>(() => client.ListBatchesAsync().WaitAsync(TimeSpan.FromMinutes(1))); // a guard against a hang, not a timing

        Assert.Single(Server.Requests);
        Assert.Equal(status, (int)ex.StatusCode);
        if (ex is RateLimitException limited)
        {
            Assert.True(limited.RetryAfter > TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task The_last_429_reports_the_wait_it_asked_for_and_a_500_none()
    {
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { ["retry-after"] = "5" }));
        using var client = NewClient(o => { o.TimeProvider = _clock; o.MaxRetries = 0; });
        var limited = await Assert.ThrowsAsync<RateLimitException>(() => client.ListBatchesAsync());
        Assert.Equal(TimeSpan.FromSeconds(5), limited.RetryAfter);

        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string>()));
        var unspecified = await Assert.ThrowsAsync<RateLimitException>(() => client.ListBatchesAsync());
        Assert.Null(unspecified.RetryAfter);
    }
}
