using System.Diagnostics;
using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The whole-call timeout is an ApiTimeoutException; the caller's cancellation is an OperationCanceledException.</summary>
public sealed class TimeoutTests : ClientTestBase
{
    [Fact]
    public async Task A_slow_server_times_out_as_api_timeout()
    {
        using var client = NewClient(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        Server.Inject(new Fault { Delay = TimeSpan.FromSeconds(10) });

        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.ListBatchesAsync());

        Assert.Contains("listBatches", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_caller_cancelling_is_an_operation_cancelled_not_a_timeout()
    {
        using var client = NewClient();
        Server.Inject(new Fault { Delay = TimeSpan.FromSeconds(10) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBatchesAsync(cancellationToken: cts.Token));
        Assert.IsNotType<ApiTimeoutException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Cancelling_during_backoff_stops_at_once()
    {
        using var client = NewClient();
        Server.Inject(Fault.Error(500, "down", headers: new Dictionary<string, string> { ["retry-after-ms"] = "30000" }));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBatchesAsync(cancellationToken: cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task The_timeout_also_covers_backoff()
    {
        using var client = NewClient(o => o.Timeout = TimeSpan.FromMilliseconds(400));
        Server.Inject(Fault.Error(500, "down", headers: new Dictionary<string, string> { ["retry-after-ms"] = "30000" }));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ApiTimeoutException>(() => client.ListBatchesAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var client = NewClient();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListBatchesAsync(cancellationToken: new CancellationToken(true)));
        Assert.Empty(Server.Requests);
    }
}
