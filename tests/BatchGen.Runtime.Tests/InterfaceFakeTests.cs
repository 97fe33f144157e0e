using System.Net;
using System.Runtime.CompilerServices;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Code that depends on the operation interfaces can be tested with a hand-written fake: every
/// call shape is on the interfaces, and the runtime's results can be made without a server.
/// </summary>
public sealed class InterfaceFakeTests
{
    /// <summary>A fake of two operations, written the way a user would, with no client behind it.</summary>
    private sealed class FakeBatches : ICancelBatch, IListBatches
    {
        private readonly List<Batch> _batches;

        public FakeBatches(params Batch[] batches) => _batches = batches.ToList();

        public List<string> Calls { get; } = new();

        public Task<Batch> CancelBatchAsync(string batchId, CancellationToken cancellationToken = default, RequestOptions? requestOptions = null)
            => Task.FromResult(Cancel(batchId));

        public Task<ApiResponse<Batch>> CancelBatchWithResponseAsync(string batchId, CancellationToken cancellationToken = default, RequestOptions? requestOptions = null)
            => Task.FromResult(new ApiResponse<Batch>(Cancel(batchId), HttpStatusCode.OK, requestId: "req_fake"));

        public Task<Batch> CancelBatchAndWaitAsync(string batchId, IProgress<Batch>? progress = null, PollingOptions? polling = null, CancellationToken cancellationToken = default)
        {
            var cancelled = Cancel(batchId) with { Status = BatchStatus.Cancelled };
            progress?.Report(cancelled);
            return Task.FromResult(cancelled);
        }

        public Task<ListBatchesResponse> ListBatchesAsync(string? after = null, long? limit = null, CancellationToken cancellationToken = default, RequestOptions? requestOptions = null)
            => Task.FromResult(Page(after, limit));

        public Task<ApiResponse<ListBatchesResponse>> ListBatchesWithResponseAsync(string? after = null, long? limit = null, CancellationToken cancellationToken = default, RequestOptions? requestOptions = null)
            => Task.FromResult(new ApiResponse<ListBatchesResponse>(Page(after, limit)));

        public async IAsyncEnumerable<Batch> ListBatchesAutoPagingAsync(string? after = null, long? limit = null, [EnumeratorCancellation] CancellationToken cancellationToken = default, RequestOptions? requestOptions = null)
        {
            foreach (var batch in _batches.SkipWhile(b => after is not null && b.Id != after).Skip(after is null ? 0 : 1))
            {
                await Task.Yield();
                yield return batch;
            }
        }

        private Batch Cancel(string id)
        {
            Calls.Add("cancel " + id);
            return _batches.Single(b => b.Id == id) with { Status = BatchStatus.Cancelling };
        }

        private ListBatchesResponse Page(string? after, long? limit)
        {
            var rest = _batches.SkipWhile(b => after is not null && b.Id != after).Skip(after is null ? 0 : 1).ToList();
            var page = rest.Take((int)(limit ?? 20)).ToList();
            return new ListBatchesResponse { Data = page, HasMore = rest.Count > page.Count };
        }
    }

    /// <summary>The code under test: it knows only the interfaces.</summary>
    private static async Task<List<string>> CancelAllRunning(IListBatches list, ICancelBatch cancel)
    {
        var cancelled = new List<string>();
        await foreach (var batch in list.ListBatchesAutoPagingAsync(limit: 2))
        {
            if (batch.Status == BatchStatus.InProgress)
            {
                var response = await cancel.CancelBatchWithResponseAsync(batch.Id);
                cancelled.Add($"{response.Value.Id}:{response.Value.Status}:{response.RequestId}");
            }
        }

        return cancelled;
    }

    private static Batch NewBatch(string id, BatchStatus status) => new()
    {
        Id = id,
        Endpoint = "/v1/chat/completions",
        InputFileId = "file-1",
        CompletionWindow = "24h",
        Status = status,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Code_written_against_the_interfaces_runs_on_a_hand_written_fake()
    {
        var fake = new FakeBatches(NewBatch("b1", BatchStatus.InProgress), NewBatch("b2", BatchStatus.Completed), NewBatch("b3", BatchStatus.InProgress));

        var cancelled = await CancelAllRunning(fake, fake);
        var waited = await ((ICancelBatch)fake).CancelBatchAndWaitAsync("b2");

        Assert.Equal(new[] { "b1:cancelling:req_fake", "b3:cancelling:req_fake" }, cancelled);
        Assert.Equal(BatchStatus.Cancelled, waited.Status);
        Assert.Equal(new[] { "cancel b1", "cancel b3", "cancel b2" }, fake.Calls);
    }

    [Fact]
    public void Each_tag_is_a_property_that_is_the_client_itself_seen_through_the_tags_interface()
    {
        using var client = new OpenAIClient(new ClientOptions { ApiKey = "k" });

        Assert.Same(client, client.Batch);
        Assert.Same(client, client.Files);
        Assert.True(typeof(ICancelBatch).IsAssignableFrom(typeof(IBatchClient)));
        Assert.True(typeof(IDownloadFile).IsAssignableFrom(typeof(IFilesClient)));
        Assert.False(typeof(IDownloadFile).IsAssignableFrom(typeof(IBatchClient)));
    }

    [Fact]
    public async Task The_real_client_serves_the_same_code_through_the_same_interfaces()
    {
        var clock = TestTime.NewClock();
        await using var server = await Testing.FakeBatchServer.StartAsync(new Testing.FakeBatchServerOptions { Clock = clock });
        var first = server.Seed();
        server.Seed();
        using var client = new OpenAIClient(new ClientOptions { ApiKey = server.ApiKey, BaseAddress = server.BaseAddress });
        clock.Advance(TimeSpan.FromSeconds(2)); // past validating

        var cancelled = await CancelAllRunning(client.Batch, client.Batch);

        Assert.Equal(2, cancelled.Count);
        Assert.All(cancelled, c => Assert.Contains(":cancelling:req_", c));
        Assert.Equal("cancelling", server.StatusOf(first));
    }
}
