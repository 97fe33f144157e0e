using System.Text;
using Microsoft.AspNetCore.Http;
using Streams;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Binary and "JSON string" responses read as they arrive, over Kestrel.</summary>
public sealed class StreamedResponseTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private StreamsClient NewClient(TimeSpan? timeout = null, TimeProvider? clock = null)
        => new(new ClientOptions { BaseAddress = new Uri(_server.Origin, "v1/"), MaxRetries = 0, Timeout = timeout ?? TimeSpan.FromMinutes(10), Credentials = new ApiCredentials().SetKey(StreamsClient.SecuritySchemeNames.Bearer, "k"), TimeProvider = clock ?? TimeProvider.System });

    /// <summary>A sink that counts bytes and samples the managed heap as they come.</summary>
    private sealed class MeasuringSink : Stream
    {
        private long _sinceSample;

        public long Written { get; private set; }

        public long PeakHeap { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Written += buffer.Length;
            _sinceSample += buffer.Length;
            if (_sinceSample >= 4 * 1024 * 1024)
            {
                _sinceSample = 0;
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static Func<HttpContext, Task> Filler(long size, byte fill = (byte)'x')
        => async context =>
        {
            context.Response.ContentLength = size;
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill(fill);
            for (long sent = 0; sent < size; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)), context.RequestAborted);
            }
        };

    [Fact]
    public async Task A_200_MB_file_streams_through_in_bounded_memory()
    {
        const long size = 200L * 1024 * 1024;
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "application/octet-stream") { Write = Filler(size) };
        using var client = NewClient();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var sink = new MeasuringSink();

        using (var file = await client.DownloadFileAsync("file-big"))
        {
            Assert.Equal("application/octet-stream", file.ContentType);
            Assert.Equal(size, file.ContentLength);
            await file.CopyToAsync(sink);
        }

        Assert.Equal(size, sink.Written);
        var growth = sink.PeakHeap - before;
        Assert.True(growth < 32L * 1024 * 1024, $"the managed heap grew by {growth / (1024 * 1024)} MB while streaming {size / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task The_call_timeout_covers_the_headers_not_the_body()
    {
        // Headers at once; the body only once the client's clock is far past the whole-call
        // timeout. Were the timeout still running, the clock moving would cancel the read.
        var bodyMayCome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "application/octet-stream")
        {
            Write = async context =>
            {
                await context.Response.Body.FlushAsync();
                await bodyMayCome.Task.WaitAsync(context.RequestAborted);
                foreach (var part in new[] { "one ", "two ", "three" })
                {
                    await context.Response.WriteAsync(part, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            },
        };
        var clock = TestTime.NewClock();
        using var client = NewClient(TimeSpan.FromMilliseconds(300), clock);

        using var file = await client.DownloadFileAsync("file-slow");
        clock.Advance(TimeSpan.FromMinutes(10));
        var reading = file.ReadAsStringAsync();
        bodyMayCome.SetResult();

        Assert.Equal("one two three", await reading);
    }

    [Fact]
    public async Task A_spec_json_string_comes_back_as_what_the_server_sent()
    {
        _server.Respond = r => r.Path.Value!.Contains("json")
            ? new RecordingServer.Answer(200, Body: "\"line \\\"one\\\"\\n\"", ContentType: "application/json")
            : new RecordingServer.Answer(200, Body: "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n", ContentType: "application/octet-stream");
        using var client = NewClient();

        using (var json = await client.DownloadFileAsync("json"))
        {
            Assert.True(json.IsJson);
            Assert.Equal("line \"one\"\n", await json.ReadAsStringAsync());
        }

        using var raw = await client.DownloadFileAsync("raw");
        Assert.False(raw.IsJson);
        Assert.Equal("{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n", await raw.ReadAsStringAsync());
        Assert.Equal("application/json", _server.Requests[0].Header("Accept"));
    }

    [Fact]
    public async Task Bytes_and_files_and_one_read_only()
    {
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "audio/mpeg") { Write = Filler(100_000, 7) };
        using var client = NewClient();

        using (var audio = await client.CreateSpeechAsync())
        {
            var bytes = await audio.ReadAllBytesAsync();
            Assert.Equal(100_000, bytes.Length);
            Assert.All(bytes, b => Assert.Equal(7, b));
            await Assert.ThrowsAsync<InvalidOperationException>(() => audio.ReadAllBytesAsync());
        }

        var path = Path.Combine(Path.GetTempPath(), "batchgen-" + Guid.NewGuid().ToString("N") + ".mp3");
        try
        {
            using (var audio = await client.CreateSpeechAsync())
            {
                await audio.SaveAsync(path);
            }

            Assert.Equal(100_000, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal("audio/mpeg", _server.Requests[0].Header("Accept"));
    }

    [Fact]
    public async Task A_body_cut_short_is_a_typed_connection_error()
    {
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "application/octet-stream")
        {
            Write = async context =>
            {
                context.Response.ContentLength = 1_000_000;
                await context.Response.Body.WriteAsync(new byte[1000]);
                await context.Response.Body.FlushAsync();
                await Task.Delay(100);
                context.Abort();
            },
        };
        using var client = NewClient();

        using var file = await client.DownloadFileAsync("file-cut");
        var ex = await Assert.ThrowsAsync<ApiConnectionException>(() => file.CopyToAsync(Stream.Null));

        Assert.Contains("downloadFile", ex.Message);
    }

    [Fact]
    public async Task Cancelling_a_download_midway_is_the_callers_cancellation_not_a_broken_body()
    {
        var firstBytesSent = new TaskCompletionSource();
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: "application/octet-stream")
        {
            Write = async context =>
            {
                context.Response.ContentLength = 1_000_000;
                await context.Response.Body.WriteAsync(new byte[1000]);
                await context.Response.Body.FlushAsync();
                firstBytesSent.SetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            },
        };
        using var client = NewClient();
        using var cts = new CancellationTokenSource();

        using var file = await client.DownloadFileAsync("file-slow");
        var copy = file.CopyToAsync(Stream.Null, cts.Token);
        await firstBytesSent.Task;
        cts.Cancel();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => copy);

        Assert.True(ex is OperationCanceledException or IOException, $"A cancelled copy surfaced as {ex.GetType().Name}.");
        Assert.IsNotType<ApiConnectionException>(ex);
    }

    [Fact]
    public async Task An_error_status_is_the_typed_error_not_a_stream()
    {
        _server.Respond = _ => new RecordingServer.Answer(404, Body: "{\"error\":{\"message\":\"No such File object: f\",\"type\":\"invalid_request_error\"}}");
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.DownloadFileAsync("f"));

        Assert.Contains("No such File object", ex.Message);
    }

    [Fact]
    public async Task A_json_operation_answered_with_html_names_what_the_server_sent()
    {
        _server.Respond = _ => new RecordingServer.Answer(200, Body: "<html>maintenance</html>", ContentType: "text/html");
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => client.CreateChatCompletionAsync(new ChatRequest { Model = "m", Messages = Array.Empty<ChatRequestMessagesItem>() }));

        Assert.Contains("the server sent 'text/html', not JSON", ex.Message);
    }

    [Fact]
    public async Task Tests_can_make_a_streamed_response_without_a_server()
    {
        using var response = new StreamedResponse(new MemoryStream(Encoding.UTF8.GetBytes("\"hi\"")), "application/json; charset=utf-8", requestId: "req_1");

        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(4, response.ContentLength);
        Assert.Equal("req_1", response.RequestId);
        Assert.Equal("hi", await response.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("\"a\" \"b\"")]
    [InlineData("\"unterminated")]
    [InlineData("42")]
    public async Task A_json_body_that_is_not_exactly_one_string_is_returned_as_sent(string body)
    {
        using var response = new StreamedResponse(new MemoryStream(Encoding.UTF8.GetBytes(body)), "application/json");

        Assert.Equal(body, await response.ReadAsStringAsync());
    }

    [Fact]
    public async Task Saving_needs_a_path()
    {
        using var response = new StreamedResponse(new MemoryStream(new byte[] { 1 }));

        foreach (var path in new[] { null, string.Empty })
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => response.SaveAsync(path!));
            Assert.Equal("path", ex.ParamName);
            Assert.StartsWith("A file path is required.", ex.Message);
        }
    }

    public static TheoryData<Exception> Breaks => new()
    {
        new IOException("connection reset"),
        new HttpRequestException("connection reset"),
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_body_that_breaks_off_while_copied_is_a_connection_error_naming_the_operation(Exception failure)
    {
        using var response = new StreamedResponse(new BreakingStream(Encoding.UTF8.GetBytes("partial"), failure));

        var ex = await Assert.ThrowsAsync<ApiConnectionException>(() => response.CopyToAsync(new MemoryStream()));

        Assert.Equal("The body of the test response broke off while it was being read: connection reset", ex.Message);
        Assert.Same(failure, ex.InnerException);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task A_body_that_breaks_off_between_json_lines_is_a_connection_error_after_the_lines_that_came(Exception failure)
    {
        using var response = new StreamedResponse(new BreakingStream(Encoding.UTF8.GetBytes("{\"role\":\"a\",\"content\":\"1\"}\n"), failure));
        var read = new List<string?>();

        var ex = await Assert.ThrowsAsync<ApiConnectionException>(async () =>
        {
            await foreach (var line in response.ReadJsonLinesAsync(BatchLinesContext.Default.ChatMessage))
            {
                read.Add(line.Content);
            }
        });

        Assert.Equal(new[] { "1" }, read);
        Assert.Same(failure, ex.InnerException);
    }

    /// <summary>Hands out its bytes, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream : MemoryStream
    {
        private readonly Exception _failure;

        public BreakingStream(byte[] content, Exception failure)
            : base(content) => _failure = failure;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw _failure;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw _failure;
        }
    }
}
