using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Responses that lack required properties, through the client and a real server.</summary>
public sealed class TolerantReadTests : ClientTestBase
{
    private sealed class Lines : IApiLogger
    {
        public List<(ApiLogLevel Level, string Message)> All { get; } = new();

        public bool IsEnabled(ApiLogLevel level) => true;

        public void Log(ApiLogLevel level, string message, Exception? exception)
        {
            lock (All)
            {
                All.Add((level, message));
            }
        }
    }

    private const string WithoutId = """{"object":"batch","endpoint":"/v1/chat/completions","input_file_id":"file-1","completion_window":"24h","status":"in_progress","created_at":1711471533}""";

    [Fact]
    public async Task A_response_without_a_required_property_reads_and_is_reported_once_per_operation()
    {
        var log = new Lines();
        using var client = NewClient(o => o.Logger = log);
        Server.Inject(new Fault { Status = 200, Body = WithoutId, Times = 3 });

        var first = await client.RetrieveBatchAsync("batch_1");
        await client.RetrieveBatchAsync("batch_1");
        await client.CancelBatchAsync("batch_1");

        Assert.Null(first.Id);
        Assert.Equal(OpenAI.Batches.BatchStatus.InProgress, first.Status);
        var warnings = log.All.Where(l => l.Level == ApiLogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal(2, warnings.Count); // retrieveBatch once, cancelBatch once
        Assert.Contains(warnings, w => w.StartsWith("retrieveBatch: the response lacks Batch.id", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("cancelBatch: the response lacks Batch.id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strict_reading_makes_it_a_format_error_naming_the_property()
    {
        using var client = NewClient(o => o.StrictResponseReading = true);
        Server.Inject(new Fault { Status = 200, Body = WithoutId });

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal("retrieveBatch", ex.OperationId);
        Assert.Contains("'id'", ex.Message);
    }
}
