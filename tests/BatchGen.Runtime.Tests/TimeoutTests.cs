using BatchGen.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The whole-call timeout is an ApiTimeoutException; the caller's cancellation is an
/// OperationCanceledException. Time runs on a fake clock: no test depends on how fast the machine is.
/// </summary>
public sealed class TimeoutTests : ClientTestBase
{
    private readonly FakeTimeProvider _clock = TestTime.NewClock();

    /// <summary>Waits (for real, briefly) until the server has seen <paramref name="count"/> requests.</summary>
    private async Task RequestsSeen(int count)
    {
        while (Server.Requests.Count < count)
        {
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task A_slow_server_times_out_as_api_timeout()
    {
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Timeout = TimeSpan.FromMinutes(1); });
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10) });

        var call = client.ListBatchesAsync();
        await RequestsSeen(1);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => call);

        Assert.Contains("listBatches", ex.Message);
        Assert.Contains("ClientOptions.Timeout", ex.Message);
    }

    [Fact]
    public async Task The_caller_cancelling_is_an_operation_cancelled_not_a_timeout()
    {
        using var client = NewClient(o => o.TimeProvider = _clock);
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10) });
        using var cts = new CancellationTokenSource();

        var call = client.ListBatchesAsync(cancellationToken: cts.Token);
        await RequestsSeen(1);
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.IsNotType<ApiTimeoutException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Cancelling_during_backoff_stops_at_once()
    {
        var log = new AttemptLog();
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Logger = log; });
        Server.Inject(Fault.Error(500, "down", headers: new Dictionary<string, string> { ["retry-after-ms"] = "30000" }));
        using var cts = new CancellationTokenSource();

        // The clock never moves, so the 30-second backoff can only end by the cancellation.
        var call = client.ListBatchesAsync(cancellationToken: cts.Token);
        while (!log.All.Any(l => l.Contains("retrying in 30000 ms")))
        {
            await Task.Delay(5); // until the client has decided to retry, and so has begun its backoff
        }

        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(Server.Requests);
        // No second attempt was even begun.
        Assert.Equal(new[] { "listBatches: GET /v1/batches (attempt 1)" }, log.Sending);
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_begins_no_attempt()
    {
        var log = new AttemptLog();
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Logger = log; });
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CancelBatchAsync("batch_1", cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(log.Sending);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_timeout_is_logged_as_an_error_and_its_activity_fails_with_it()
    {
        var activities = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "BatchGen",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var log = new AttemptLog();
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Timeout = TimeSpan.FromMinutes(1); o.Logger = log; });
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10) });

        // The listener sees every test's calls; this test's own are those in its trace.
        using var root = new System.Diagnostics.Activity("test").Start();
        var call = client.ListBatchesAsync();
        await RequestsSeen(1);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => call);
        root.Stop();

        Assert.Contains(ex.Message, log.All);
        System.Diagnostics.Activity activity;
        lock (activities)
        {
            activity = Assert.Single(activities, a => a.TraceId == root.TraceId && (string?)a.GetTagItem("batchgen.operation_id") == "listBatches");
        }

        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, activity.Status);
        Assert.Equal(ex.Message, activity.StatusDescription);
        Assert.Equal(typeof(ApiTimeoutException).FullName, activity.GetTagItem("error.type"));
    }

    /// <summary>The pipeline's debug lines about attempts it begins.</summary>
    private sealed class AttemptLog : IApiLogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => _lines.ToArray();

        public IReadOnlyList<string> Sending => _lines.Where(l => l.Contains("(attempt ")).ToArray();

        public bool IsEnabled(ApiLogLevel level) => true;

        public void Log(ApiLogLevel level, string message, Exception? exception) => _lines.Enqueue(message);
    }

    [Fact]
    public async Task The_timeout_also_covers_backoff()
    {
        using var client = NewClient(o => { o.TimeProvider = _clock; o.Timeout = TimeSpan.FromMinutes(1); });
        Server.Inject(Fault.Error(500, "down", headers: new Dictionary<string, string> { ["retry-after"] = "40" }, times: 10));

        // Attempts at 0 s and 40 s; the third would be at 80 s, past the one-minute timeout.
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => _clock.Drive(client.ListBatchesAsync()));

        Assert.Contains("2 attempt(s)", ex.Message);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_callers_HttpClient_timeout_is_per_attempt_and_retried()
    {
        // HttpClient.Timeout runs on the real clock; the slow attempt waits ten minutes, so the
        // 300 ms timeout always fires first however loaded the machine is.
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = new OpenAIClient(http, new ClientOptions { ApiKey = Server.ApiKey, BaseAddress = Server.BaseAddress, MaxRetries = 1 });
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10) });

        var page = await client.ListBatchesAsync();

        Assert.NotNull(page);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_callers_HttpClient_timeout_on_every_attempt_is_an_api_timeout_naming_it()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        using var client = new OpenAIClient(http, new ClientOptions { ApiKey = Server.ApiKey, BaseAddress = Server.BaseAddress, MaxRetries = 1 });
        Server.Inject(new Fault { Delay = TimeSpan.FromMinutes(10), Times = 2 });

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.ListBatchesAsync());

        Assert.Equal("listBatches timed out (HttpClient.Timeout) on each of 2 attempt(s).", ex.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var client = NewClient();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBatchesAsync(cancellationToken: new CancellationToken(true)));
        Assert.Empty(Server.Requests);
    }
}
