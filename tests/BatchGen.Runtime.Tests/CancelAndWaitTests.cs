using BatchGen.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The generated cancel-then-poll helper, against the fake server's real state machine. The server
/// and the polling share a fake clock: the test moves time, nothing waits for real.
/// </summary>
public sealed class CancelAndWaitTests : ClientTestBase
{
    private readonly FakeTimeProvider _clock = TestTime.NewClock();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock, CancellingFor = TimeSpan.FromSeconds(6) };

    private PollingOptions Quick => new() { TimeProvider = _clock, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(5) };

    private sealed class Recorder : IProgress<Batch>
    {
        public List<Batch> Seen { get; } = new();

        public void Report(Batch value)
        {
            lock (Seen)
            {
                Seen.Add(value);
            }
        }
    }

    [Fact]
    public async Task Cancels_then_reports_progress_until_cancelled()
    {
        using var client = NewClient();
        var id = Server.Seed();
        var progress = new Recorder();

        var final = await _clock.Drive(client.CancelBatchAndWaitAsync(id, progress, Quick));

        Assert.Equal(BatchStatus.Cancelled, final.Status);
        Assert.NotNull(final.CancelledAt);
        Assert.Equal(BatchStatus.Cancelling, progress.Seen[0].Status);
        Assert.Equal(BatchStatus.Cancelled, progress.Seen[^1].Status);
        Assert.True(progress.Seen.Count >= 3, $"only {progress.Seen.Count} progress reports");
        Assert.Equal(1, CountRequests("POST", "/cancel"));
    }

    [Fact]
    public async Task Gives_up_with_a_timeout_when_the_batch_stays_cancelling()
    {
        using var client = NewClient();
        var id = Server.Seed();
        var polling = Quick;
        polling.Timeout = TimeSpan.FromSeconds(3); // cancelling lasts 6 s

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => _clock.Drive(client.CancelBatchAndWaitAsync(id, polling: polling)));

        Assert.Contains("cancelling", ex.Message);
    }

    [Fact]
    public async Task The_caller_can_stop_waiting()
    {
        using var client = NewClient();
        var id = Server.Seed();
        using var cts = new CancellationTokenSource();

        // The clock never moves: the wait sits in its first delay until the caller cancels it.
        var wait = client.CancelBatchAndWaitAsync(id, polling: Quick, cancellationToken: cts.Token);
        while (CountRequests("POST", "/cancel") == 0 && !wait.IsCompleted)
        {
            await Task.WhenAny(wait, Task.Delay(5));
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(BatchStatus.Cancelling.ToString(), Server.StatusOf(id));
    }
}
