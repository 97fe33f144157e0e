using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The generated cancel-then-poll helper, against the fake server's real state machine.</summary>
public sealed class CancelAndWaitTests : ClientTestBase
{
    protected override FakeBatchServerOptions ServerOptions => new() { CancellingFor = TimeSpan.FromMilliseconds(600) };

    private static readonly PollingOptions Quick = new() { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(20) };

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

        var final = await client.CancelBatchAndWaitAsync(id, progress, Quick);

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
        await using var slow = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { CancellingFor = TimeSpan.FromHours(1) });
        using var client = new OpenAIClient(new ClientOptions { ApiKey = slow.ApiKey, BaseAddress = slow.BaseAddress });
        var id = slow.Seed();

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.CancelBatchAndWaitAsync(id, polling: new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Contains("cancelling", ex.Message);
    }

    [Fact]
    public async Task The_caller_can_stop_waiting()
    {
        await using var slow = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { CancellingFor = TimeSpan.FromHours(1) });
        using var client = new OpenAIClient(new ClientOptions { ApiKey = slow.ApiKey, BaseAddress = slow.BaseAddress });
        var id = slow.Seed();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CancelBatchAndWaitAsync(id, polling: Quick, cancellationToken: cts.Token));
    }
}
