using System.Text;
using BatchGen.Testing;
using Microsoft.AspNetCore.Http;
using Streams;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// <c>text/event-stream</c> responses as typed events, over Kestrel: the parsing cases of the
/// SSE format, the <c>[DONE]</c> sentinel, named events, broken streams, and the streaming
/// variant's request.
/// </summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private StreamsClient NewClient() => new(new ClientOptions { BaseAddress = new Uri(_server.Origin, "v1/"), MaxRetries = 0 });

    private static readonly ChatRequest Ask = new() { Model = "m", Messages = new[] { new ChatRequestMessagesItem { Role = "user", Content = "hi" } } };

    private void Answer(string events, string contentType = "text/event-stream")
        => _server.Respond = _ => new RecordingServer.Answer(200, Body: events, ContentType: contentType);

    private static string Chunk(string id, string content) => $"{{\"id\":\"{id}\",\"choices\":[{{\"delta\":{{\"content\":\"{content}\"}}}}]}}";

    [Fact]
    public async Task The_streaming_variant_asks_for_the_stream_sets_stream_true_and_yields_each_chunk()
    {
        Answer($"data: {Chunk("c1", "Hel")}\n\ndata: {Chunk("c1", "lo")}\n\ndata: [DONE]\n\n");
        using var client = NewClient();

        var chunks = await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask));

        Assert.Equal(new[] { "Hel", "lo" }, chunks.Select(c => c.Choices[0].Delta!.Content));
        var seen = Assert.Single(_server.Requests);
        Assert.Equal("text/event-stream", seen.Header("Accept"));
        Assert.Contains("\"stream\":true", Encoding.UTF8.GetString(seen.Body));
        Assert.Null(Ask.Stream); // the caller's record is left as it was
    }

    [Fact]
    public async Task Multi_line_data_comments_ids_and_retry_fields_are_read_as_the_format_says()
    {
        // Data lines of one event join with newlines (valid JSON here); comments, ids, retry and
        // unknown fields carry no data; CRLF line ends count like LF.
        Answer(": keep-alive\r\nretry: 3000\r\nid: 7\r\ndata: {\"id\":\"c1\",\r\ndata: \"choices\":[]}\r\n\r\n: another comment\n\nfoo: bar\ndata: " + Chunk("c2", "x") + "\n\n");
        using var client = NewClient();

        var chunks = await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask));

        Assert.Equal(new[] { "c1", "c2" }, chunks.Select(c => c.Id));
        Assert.Empty(chunks[0].Choices);
    }

    [Fact]
    public async Task Done_ends_the_stream_and_nothing_after_it_is_read()
    {
        Answer($"data: {Chunk("c1", "a")}\n\ndata: [DONE]\n\ndata: not json at all\n\n");
        using var client = NewClient();

        var chunks = await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask));

        Assert.Equal("c1", Assert.Single(chunks).Id);
    }

    [Fact]
    public async Task A_stream_that_ends_without_done_ends_the_enumeration()
    {
        Answer($"data: {Chunk("c1", "a")}\n\ndata: {Chunk("c2", "b")}\n\n");
        using var client = NewClient();

        Assert.Equal(2, (await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask))).Count);
    }

    [Fact]
    public async Task Named_events_choose_the_union_variant_when_the_data_does_not()
    {
        // Without the event name both variants accept {"text": …}: the first would win.
        Answer("event: run.delta\ndata: {\"text\":\"par\"}\n\nevent: run.done\ndata: {\"text\":\"partial\",\"tokens\":3}\n\ndata: {\"type\":\"run.done\",\"text\":\"typed\"}\n\n");
        using var client = NewClient();

        var events = await TestTime.ToListAsync(client.CreateRunStreamingAsync());

        Assert.True(events[0].IsRunDelta);
        Assert.True(events[1].IsRunDone);
        Assert.Equal(3, events[1].AsRunDone!.Tokens);
        Assert.True(events[2].IsRunDone);
    }

    [Fact]
    public async Task A_connection_dropped_mid_stream_is_a_typed_connection_error_after_the_events_before_it()
    {
        // The server drops the connection once the client has the first event (an abort right
        // after a write could discard bytes still on their way).
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "text/event-stream")
        {
            Write = async context =>
            {
                await context.Response.WriteAsync($"data: {Chunk("c1", "a")}\n\ndata: {{\"id\":\"c2\",");
                await context.Response.Body.FlushAsync();
                await received.Task;
                context.Abort();
            },
        };
        using var client = NewClient();
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<ApiConnectionException>(async () =>
        {
            await foreach (var chunk in client.CreateChatCompletionStreamingAsync(Ask))
            {
                seen.Add(chunk.Id);
                received.TrySetResult();
            }
        });

        Assert.Equal(new[] { "c1" }, seen);
        Assert.Contains("createChatCompletion", ex.Message);
    }

    [Fact]
    public async Task An_event_that_is_not_what_the_spec_says_is_a_format_error_naming_the_event()
    {
        Answer($"data: {Chunk("c1", "a")}\n\nevent: oops\ndata: {{\"id\": 5}}\n\n");
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask)));

        Assert.Contains("'oops'", ex.Message);
        Assert.Equal("createChatCompletion", ex.OperationId);
    }

    [Fact]
    public async Task An_event_with_content_after_its_json_is_a_format_error_not_a_silent_cut()
    {
        Answer($"data: {Chunk("c1", "a")}\n\ndata: {Chunk("c2", "b")} {Chunk("c3", "c")}\n\n");
        using var client = NewClient();
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(async () =>
        {
            await foreach (var chunk in client.CreateChatCompletionStreamingAsync(Ask))
            {
                seen.Add(chunk.Id);
            }
        });

        Assert.Equal(new[] { "c1" }, seen);
        Assert.Contains("'message'", ex.Message);
    }

    [Fact]
    public async Task A_json_answer_to_a_stream_request_is_a_format_error_saying_what_came()
    {
        Answer("{\"id\":\"c1\",\"choices\":[]}", "application/json");
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask)));

        Assert.Contains("application/json", ex.Message);
    }

    [Fact]
    public async Task Event_data_nested_deeper_than_the_readers_default_is_read()
    {
        // Utf8JsonReader stops at 64 levels unless told otherwise; a server's unknown property may go deeper.
        var deep = new string('[', 100) + new string(']', 100);
        Answer($"data: {{\"id\":\"c1\",\"choices\":[],\"deep\":{deep}}}\n\n");
        using var client = NewClient();

        var chunk = Assert.Single(await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask)));

        Assert.Equal("c1", chunk.Id);
        Assert.Equal(deep, chunk.AdditionalProperties!["deep"].GetRawText());
    }

    [Fact]
    public async Task An_answer_without_a_content_type_to_a_stream_request_says_so()
    {
        _server.Respond = _ => new RecordingServer.Answer(200); // no body, no Content-Type
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask)));

        Assert.Equal("The response to createChatCompletion is '(no content type)', not the event stream (text/event-stream) that was asked for.", ex.Message);
    }

    [Fact]
    public async Task Nothing_is_sent_until_the_enumeration_starts_and_errors_are_typed_before_any_event()
    {
        _server.Respond = _ => new RecordingServer.Answer(400, Body: "{\"error\":{\"message\":\"bad model\",\"type\":\"invalid_request_error\"}}");
        using var client = NewClient();

        var stream = client.CreateChatCompletionStreamingAsync(Ask);
        Assert.Empty(_server.Requests);
        var ex = await Assert.ThrowsAsync<BadRequestException>(() => TestTime.ToListAsync(stream));

        Assert.Contains("bad model", ex.Message);
    }

    [Fact]
    public async Task Leaving_the_enumeration_early_closes_the_connection()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "text/event-stream")
        {
            Write = async context =>
            {
                context.RequestAborted.Register(() => aborted.TrySetResult());
                try
                {
                    for (var i = 0; !context.RequestAborted.IsCancellationRequested; i++)
                    {
                        await context.Response.WriteAsync($"data: {Chunk("c" + i, "x")}\n\n", context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(20, context.RequestAborted);
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
        };
        using var client = NewClient();

        var seen = 0;
        await foreach (var chunk in client.CreateChatCompletionStreamingAsync(Ask))
        {
            if (++seen == 2)
            {
                break;
            }
        }

        // The server sees the client go: an endless stream is not left running.
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task The_fake_servers_chat_endpoint_streams_an_echo_word_by_word()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        using var client = new StreamsClient(new ClientOptions { ApiKey = fake.ApiKey, BaseAddress = fake.BaseAddress });

        var chunks = await TestTime.ToListAsync(client.CreateChatCompletionStreamingAsync(Ask with { Messages = new[] { new ChatRequestMessagesItem { Role = "user", Content = "two words" } } }));
        var whole = await client.CreateChatCompletionAsync(Ask with { Messages = new[] { new ChatRequestMessagesItem { Role = "user", Content = "two words" } } });

        Assert.Equal("echo: two words", string.Concat(chunks.Select(c => c.Choices[0].Delta?.Content)));
        Assert.Equal("stop", chunks[^1].Choices[0].FinishReason);
        Assert.Equal("echo: two words", whole.Choices[0].Message!.Content);
    }
}
