using BatchGen.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// ClientOptions.TimeProvider drives the whole-call timeout, the backoff between retries and the
/// waits: with a fake clock nothing waits for real, and a call does not move until the clock does.
/// </summary>
public sealed class ClientClockTests : ClientTestBase
{
    private readonly FakeTimeProvider _clock = TestTime.NewClock();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    [Fact]
    public async Task A_retry_after_of_thirty_seconds_waits_on_the_clients_clock()
    {
        var retrying = new RetryWatcher();
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Logger = retrying; });
        Server.Inject(Fault.Error(429, "Slow down.", headers: new Dictionary<string, string> { ["retry-after"] = "30" }));

        var call = client.ListBatchesAsync();
        await retrying.Scheduled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Step the fake clock until the retry goes out: it needs 30 fake seconds, and none real
        // (on the real clock it would take 30 s, thousands of steps).
        var advanced = TimeSpan.Zero;
        while (Server.Requests.Count < 2 && advanced < TimeSpan.FromHours(1))
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            await Task.WhenAny(call, Task.Delay(5));
        }

        Assert.NotNull(await call);
        Assert.InRange(advanced, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30));
    }

    /// <summary>Tells when the client has decided to retry (and so has started its backoff).</summary>
    private sealed class RetryWatcher : IApiLogger
    {
        public TaskCompletionSource Scheduled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsEnabled(ApiLogLevel level) => true;

        public void Log(ApiLogLevel level, string message, Exception? exception)
        {
            if (message.Contains("retrying in 30000 ms", StringComparison.Ordinal))
            {
                Scheduled.TrySetResult();
            }
        }
    }

    [Fact]
    public async Task The_whole_call_timeout_runs_on_the_clients_clock()
    {
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Timeout = TimeSpan.FromMinutes(2); o.MaxRetries = 0; });
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10) }); // real time: never reached

        var call = client.ListBatchesAsync();
        while (Server.Requests.Count == 0)
        {
            await Task.Delay(5);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => call);
        Assert.Contains("ClientOptions.Timeout", ex.Message);
    }

    [Fact]
    public async Task Waits_without_their_own_clock_use_the_clients()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();

        var settled = await _clock.Drive(client.WaitForBatchAsync(id));

        Assert.Equal(BatchStatus.Completed, settled.Status);
    }

    [Fact]
    public async Task A_wait_with_its_own_clock_uses_it_and_not_the_clients()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        var id = Server.Seed();
        var own = TestTime.NewClock();
        var started = _clock.GetUtcNow();
        // Ten-minute polls and a one-hour limit: only the wait's own fake clock can let them pass
        // within the test (the batch itself moves on the client's clock, which stays still).
        var polling = new PollingOptions { TimeProvider = own, InitialDelay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(10), Timeout = TimeSpan.FromHours(1) };

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => own.Drive(client.WaitForBatchAsync(id, polling: polling), TimeSpan.FromMinutes(10)));

        Assert.StartsWith("Still waiting after 01:00:00 (PollingOptions.Timeout)", ex.Message);
        Assert.Equal(started, _clock.GetUtcNow());
    }
}
