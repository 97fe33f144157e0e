using System.Collections.Concurrent;
using System.Text;
using BatchGen.Testing;
using OpenAI.Batches;
using Streams;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// A caller that blocks on a call (<c>.Result</c>, <c>.Wait()</c>) from a thread whose
/// synchronization context only runs work when that thread is free, as a UI thread or classic
/// ASP.NET does. A library continuation that came back to that context would wait for a thread
/// that is waiting for it: a deadlock. Every call here must finish with the thread blocked, and
/// nothing may be posted to the context.
/// </summary>
public sealed class BlockingCallerTests : ClientTestBase
{
    protected override FakeBatchServerOptions ServerOptions => new() { CancellingFor = TimeSpan.FromMilliseconds(50) };

    /// <summary>Queues posted work and never runs it while its thread is blocked; counts the posts.</summary>
    private sealed class BlockedThreadContext : SynchronizationContext
    {
        public ConcurrentQueue<(SendOrPostCallback Callback, object? State)> Posted { get; } = new();

        /// <summary>Set at the first post: from then on the call cannot finish, so the test need not wait it out.</summary>
        public ManualResetEvent FirstPost { get; } = new(false);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Posted.Enqueue((d, state));
            FirstPost.Set();
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("Send from library code.");
    }

    /// <summary>Starts <paramref name="call"/> on a thread with a blocked context and blocks that thread on it.</summary>
    private static T Blocked<T>(Func<Task<T>> call)
    {
        var context = new BlockedThreadContext();
        T result = default!;
        Exception? failure = null;
        var completed = false;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                var task = call();
                // Blocks this thread until the call ends, or until a post shows it never will.
                WaitHandle.WaitAny(new[] { ((IAsyncResult)task).AsyncWaitHandle, context.FirstPost }, TimeSpan.FromSeconds(30));
                completed = task.IsCompleted;
                if (completed)
                {
                    result = task.Result;
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.True(completed, "The call deadlocked: a continuation waited for the blocked caller's thread.");
        Assert.Empty(context.Posted);
        return result;
    }

    [Fact]
    public void A_json_call()
    {
        using var client = NewClient();
        var id = Server.Seed();

        var batch = Blocked(() => client.RetrieveBatchAsync(id));

        Assert.Equal(id, batch.Id);
    }

    [Fact]
    public void A_call_that_waits_and_retries()
    {
        using var client = NewClient();
        var id = Server.Seed();
        Server.Inject(Fault.Error(503, "busy", headers: new Dictionary<string, string> { ["retry-after-ms"] = "30" }));

        var response = Blocked(() => client.RetrieveBatchWithResponseAsync(id));

        Assert.Equal(1, response.RetryCount);
    }

    [Fact]
    public void A_wait_that_polls()
    {
        using var client = NewClient();
        var id = Server.Seed();

        var batch = Blocked(() => client.CancelBatchAndWaitAsync(id, polling: new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(40) }));

        Assert.Equal(BatchStatus.Cancelled, batch.Status);
    }

    [Fact]
    public void An_upload_from_a_file_and_a_download_read_to_the_end()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchgen-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"custom_id\":\"1\"}\n");
        try
        {
            using var client = NewClient();

            var uploaded = Blocked(() => client.CreateFileAsync(new CreateFileRequest { File = ApiFile.FromPath(path), Purpose = CreateFileRequestPurpose.Batch }));
            using var download = Blocked(() => client.DownloadFileAsync(uploaded.Id));
            var bytes = Blocked(() => download.ReadAllBytesAsync());

            Assert.Equal("{\"custom_id\":\"1\"}\n", Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reading_an_event_stream()
    {
        await using var server = await RecordingServer.StartAsync();
        server.Respond = _ => new RecordingServer.Answer(200, Body: "data: {\"id\":\"c1\",\"choices\":[]}\n\ndata: [DONE]\n\n", ContentType: "text/event-stream");
        using var client = new StreamsClient(new ClientOptions { BaseAddress = new Uri(server.Origin, "v1/"), MaxRetries = 0 });
        var events = client.CreateChatCompletionStreamingAsync(new ChatRequest { Model = "m", Messages = Array.Empty<ChatRequestMessagesItem>() }).GetAsyncEnumerator();

        Assert.True(Blocked(() => events.MoveNextAsync().AsTask()));
        Assert.Equal("c1", events.Current.Id);
        Assert.False(Blocked(() => events.MoveNextAsync().AsTask()));
        await events.DisposeAsync();
    }
}
