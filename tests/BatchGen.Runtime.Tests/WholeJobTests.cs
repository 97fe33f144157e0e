using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BatchGen.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The lines of a batch's input and output files, as the Batch API documents them: the spec has no
/// schema for them, so they are the test's own types (System.Text.Json's generator cannot see
/// BatchGen's output, generators being blind to each other, so they use no generated type).
/// </summary>
public sealed record BatchInputLine(string CustomId, string Method, string Url, ChatBody Body);

public sealed record ChatBody(string Model, IReadOnlyList<ChatMessage> Messages);

public sealed record ChatMessage(string Role, string Content);

public sealed record BatchOutputLine(string Id, string? CustomId, BatchOutputResponse? Response, BatchOutputError? Error);

public sealed record BatchOutputResponse(int StatusCode, string RequestId, ChatAnswer Body);

public sealed record ChatAnswer(string Id, IReadOnlyList<ChatChoice> Choices);

public sealed record ChatChoice(int Index, ChatMessage Message);

public sealed record BatchOutputError(string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BatchInputLine))]
[JsonSerializable(typeof(BatchOutputLine))]
[JsonSerializable(typeof(ChatMessage))]
public sealed partial class BatchLinesContext : JsonSerializerContext;

/// <summary>
/// A whole batch job against the fake server, as a user runs it: write JSONL, upload, create and
/// wait, download the output and error files and match them by <c>custom_id</c>. Time runs on a
/// fake clock shared by the server and the polling, so no test waits for real.
/// </summary>
public sealed class WholeJobTests : ClientTestBase
{
    private readonly FakeTimeProvider _clock = TestTime.NewClock();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    private PollingOptions Polling => new() { TimeProvider = _clock, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromHours(24) };

    private static BatchInputLine Line(string id, string question, string url = "/v1/chat/completions")
        => new(id, "POST", url, new ChatBody("gpt-fake", new[] { new ChatMessage("user", question) }));

    [Fact]
    public async Task Upload_create_wait_and_download_match_every_answer_to_its_custom_id()
    {
        using var client = NewClient();
        using var input = new MemoryStream();
        await JsonLines.WriteAsync(input, new[] { Line("q1", "first"), Line("q2", "second"), Line("q3", "wrong endpoint", "/v1/embeddings"), Line("q4", "fourth") }, BatchLinesContext.Default.BatchInputLine);

        var file = await client.CreateFileAsync(new CreateFileRequest { File = ApiFile.FromBytes(input.ToArray(), "requests.jsonl", "application/jsonl"), Purpose = CreateFileRequestPurpose.Batch });
        Assert.Equal("requests.jsonl", file.Filename);
        Assert.Equal(input.Length, file.Bytes);

        var seen = new List<BatchStatus>();
        var batch = await _clock.Drive(client.CreateBatchAndWaitAsync(
            new CreateBatchRequest { InputFileId = file.Id, Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions },
            new Progress<Batch>(b => { lock (seen) { seen.Add(b.Status); } }),
            Polling));

        Assert.Equal(BatchStatus.Completed, batch.Status);
        Assert.Equal(4, batch.RequestCounts!.Total);
        Assert.Equal(3, batch.RequestCounts.Completed);
        Assert.Equal(1, batch.RequestCounts.Failed);

        using (var output = await client.DownloadFileAsync(batch.OutputFileId!))
        {
            Assert.Equal("application/octet-stream", output.ContentType);
            var answers = (await TestTime.ToListAsync(output.ReadJsonLinesAsync(BatchLinesContext.Default.BatchOutputLine))).ToDictionary(l => l.CustomId!, l => l.Response!.Body.Choices[0].Message.Content);
            Assert.Equal(new Dictionary<string, string> { ["q1"] = "echo: first", ["q2"] = "echo: second", ["q4"] = "echo: fourth" }, answers);
        }

        using (var errors = await client.DownloadFileAsync(batch.ErrorFileId!))
        {
            var error = Assert.Single(await TestTime.ToListAsync(errors.ReadJsonLinesAsync(BatchLinesContext.Default.BatchOutputLine)));
            Assert.Equal("q3", error.CustomId);
            Assert.Null(error.Response);
            Assert.Contains("Line 3", error.Error!.Message);
            Assert.Contains("'url'", error.Error.Message);
        }

        Assert.Equal(BatchStatus.Validating, seen[0]);
        Assert.Contains(BatchStatus.InProgress, seen);
        Assert.Equal(BatchStatus.Completed, seen[^1]);
        Assert.Equal(1, CountRequests("POST", "/batches"));
    }

    [Fact]
    public async Task A_wait_resumes_on_an_existing_batch_and_returns_at_once_when_it_has_settled()
    {
        using var client = NewClient();
        var id = Server.Seed();

        var settled = await _clock.Drive(client.WaitForBatchAsync(id, polling: Polling));
        Assert.Equal(BatchStatus.Completed, settled.Status);
        var polls = CountRequests("GET", "/batches/" + id);

        var again = await client.WaitForBatchAsync(id, polling: Polling);
        Assert.Equal(BatchStatus.Completed, again.Status);
        Assert.Equal(polls + 1, CountRequests("GET", "/batches/" + id));
    }

    [Fact]
    public async Task A_wait_gives_up_after_its_timeout_on_the_fake_clock()
    {
        using var client = NewClient();
        var id = Server.Seed();
        var polling = Polling;
        polling.Timeout = TimeSpan.FromSeconds(10); // the batch needs 33 s to complete

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => _clock.Drive(client.WaitForBatchAsync(id, polling: polling)));

        Assert.Contains("PollingOptions.Timeout", ex.Message);
        Assert.Contains("in_progress", ex.Message);
    }

    [Fact]
    public async Task Files_list_page_and_delete()
    {
        using var client = NewClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.CreateFileAsync(new CreateFileRequest { File = ApiFile.FromBytes(Encoding.UTF8.GetBytes("{}\n"), $"f{i}.jsonl"), Purpose = CreateFileRequestPurpose.Batch })).Id);
        }

        var listed = await TestTime.ToListAsync(client.ListFilesAutoPagingAsync(limit: 2, order: ListFilesOrder.Asc));
        Assert.Equal(ids, listed.Select(f => f.Id));

        var deleted = await client.DeleteFileAsync(ids[0]);
        Assert.True(deleted.Deleted);
        await Assert.ThrowsAsync<NotFoundException>(() => client.RetrieveFileAsync(ids[0]));
    }

    [Fact]
    public async Task An_upload_without_a_purpose_the_server_knows_is_refused_with_the_parameter_named()
    {
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.CreateFileAsync(new CreateFileRequest { File = ApiFile.FromBytes(new byte[] { 1 }, "x.bin"), Purpose = new CreateFileRequestPurpose("compost") }));

        Assert.Equal("purpose", ex.ErrorParam);
    }
}
