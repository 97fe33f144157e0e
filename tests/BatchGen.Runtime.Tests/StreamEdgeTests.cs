using System.Text;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The edges of the new streaming pieces that the mutation run showed untested: polling's exact
/// schedule on a fake clock, argument checks, disposal, whitespace around event data.
/// </summary>
public sealed class StreamEdgeTests
{
    /// <summary>A stream that says whether it was disposed.</summary>
    private sealed class TrackedStream : MemoryStream
    {
        public TrackedStream(byte[] content)
            : base(content)
        {
        }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task Polling_grows_its_delay_up_to_the_cap_and_clips_the_last_one_to_the_timeout()
    {
        var clock = TestTime.NewClock();
        var start = clock.GetUtcNow();
        var pollTimes = new List<double>();
        var options = new PollingOptions { InitialDelay = TimeSpan.FromSeconds(1), Multiplier = 2, MaxDelay = TimeSpan.FromSeconds(3), Timeout = TimeSpan.FromSeconds(8), TimeProvider = clock };

        var wait = Polling.WhileAsync(
            0,
            _ => true,
            _ =>
            {
                pollTimes.Add((clock.GetUtcNow() - start).TotalSeconds);
                return Task.FromResult(pollTimes.Count);
            },
            null,
            options,
            CancellationToken.None);
        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => clock.Drive(wait));

        // Delays 1, 2, 3 (capped), then 2: what is left of the 8-second timeout.
        Assert.Equal(new double[] { 1, 3, 6, 8 }, pollTimes);
        Assert.Contains("the last state was 4", ex.Message);
    }

    [Fact]
    public async Task Polling_stops_at_the_first_settled_result_and_reports_each()
    {
        var clock = TestTime.NewClock();
        var seen = new List<int>();
        var polls = 0;

        var settled = await clock.Drive(Polling.WhileAsync(
            0,
            value => value < 2,
            _ => Task.FromResult(++polls),
            new SynchronousProgress(seen),
            new PollingOptions { TimeProvider = clock, Timeout = Timeout.InfiniteTimeSpan },
            CancellationToken.None));

        Assert.Equal(2, settled);
        Assert.Equal(new[] { 0, 1, 2 }, seen);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Polling.WhileAsync(0, null!, _ => Task.FromResult(0), null, null, default));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Polling.WhileAsync(0, _ => false, null!, null, null, default));
    }

    [Fact]
    public async Task Polling_without_delay_or_timeout_polls_at_once_until_settled()
    {
        var clock = TestTime.NewClock();
        var polls = 0;

        // The clock never moves: only zero delays let this finish.
        var settled = await Polling.WhileAsync(
            0,
            value => value < 3,
            _ => Task.FromResult(++polls),
            null,
            new PollingOptions { TimeProvider = clock, InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, Timeout = Timeout.InfiniteTimeSpan },
            CancellationToken.None);

        Assert.Equal(3, settled);
    }

    [Fact]
    public async Task A_huge_multiplier_caps_the_delay_at_its_maximum()
    {
        var clock = TestTime.NewClock();
        var start = clock.GetUtcNow();
        var pollTimes = new List<double>();
        var options = new PollingOptions { InitialDelay = TimeSpan.FromDays(1), Multiplier = 1e300, MaxDelay = TimeSpan.FromDays(2), Timeout = Timeout.InfiniteTimeSpan, TimeProvider = clock };

        await clock.Drive(
            Polling.WhileAsync(
                0,
                value => value < 3,
                _ =>
                {
                    pollTimes.Add((clock.GetUtcNow() - start).TotalDays);
                    return Task.FromResult(pollTimes.Count);
                },
                null,
                options,
                CancellationToken.None),
            TimeSpan.FromHours(12));

        Assert.Equal(new double[] { 1, 3, 5 }, pollTimes);
    }

    [Fact]
    public void Nonsense_polling_settings_are_refused_where_they_are_set()
    {
        var options = new PollingOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, Multiplier = 1, Timeout = Timeout.InfiniteTimeSpan };

        Assert.Contains("InitialDelay", Assert.Throws<ArgumentOutOfRangeException>(() => options.InitialDelay = TimeSpan.FromTicks(-1)).Message);
        Assert.Contains("MaxDelay", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxDelay = TimeSpan.FromTicks(-1)).Message);
        Assert.Contains("Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.Zero).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.FromSeconds(-5));
        foreach (var multiplier in new[] { 0.999, 0, -1, double.NaN, double.PositiveInfinity })
        {
            Assert.Contains("Multiplier", Assert.Throws<ArgumentOutOfRangeException>(() => options.Multiplier = multiplier).Message);
        }

        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero, 1.0, Timeout.InfiniteTimeSpan), (options.InitialDelay, options.MaxDelay, options.Multiplier, options.Timeout));
    }

    private sealed class SynchronousProgress(List<int> seen) : IProgress<int>
    {
        public void Report(int value) => seen.Add(value);
    }

    [Fact]
    public async Task Json_lines_refuse_missing_arguments_and_release_the_stream_when_read()
    {
        var info = BatchLinesContext.Default.ChatMessage;
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(null!, new[] { new ChatMessage("a", "b") }, info));
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(new MemoryStream(), null!, info));
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(new MemoryStream(), new[] { new ChatMessage("a", "b") }, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.ReadAsync(null!, info).ToListAsync());
        await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.ReadAsync<ChatMessage>(new MemoryStream(), null!).ToListAsync());

        var source = new TrackedStream(Encoding.UTF8.GetBytes("{\"role\":\"a\",\"content\":\"1\"}\n"));
        Assert.Single(await JsonLines.ReadAsync(source, info).ToListAsync());
        Assert.True(source.Disposed);
    }

    [Fact]
    public async Task Json_lines_are_flushed_to_a_buffered_stream()
    {
        var target = new MemoryStream();
        using var buffered = new BufferedStream(target, 1 << 16);

        await JsonLines.WriteAsync(buffered, new[] { new ChatMessage("user", "hi") }, BatchLinesContext.Default.ChatMessage);

        Assert.Equal("{\"role\":\"user\",\"content\":\"hi\"}\n", Encoding.UTF8.GetString(target.ToArray()));
    }

    [Fact]
    public async Task A_test_made_streamed_response_describes_its_stream_and_releases_it()
    {
        var body = new TrackedStream(Encoding.UTF8.GetBytes("xxhello"));
        body.Position = 2;
        using (var response = new StreamedResponse(body))
        {
            Assert.Equal(5, response.ContentLength);
            Assert.Null(response.ContentType);
            Assert.False(response.IsJson);
            Assert.Null(response.Headers);
            Assert.Equal("hello", await response.ReadAsStringAsync());
            var again = await Assert.ThrowsAsync<InvalidOperationException>(() => response.ReadAllBytesAsync());
            Assert.Contains("can be read only once", again.Message);
        }

        Assert.True(body.Disposed);
        Assert.Throws<ArgumentNullException>(() => new StreamedResponse(null!));
    }

    [Fact]
    public async Task A_streamed_response_refuses_missing_destinations_and_reads_json_text_as_json_only_when_whole()
    {
        using var response = new StreamedResponse(new MemoryStream(Encoding.UTF8.GetBytes("\"a\" \"b\"")), "application/problem+json");
        await Assert.ThrowsAsync<ArgumentNullException>(() => response.CopyToAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => response.SaveAsync(string.Empty));
        Assert.True(response.IsJson);

        // Two JSON strings are not one: the text comes back as sent.
        Assert.Equal("\"a\" \"b\"", await response.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/plain; charset=iso-8859-1", new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "caf\u00e9")]
    [InlineData("text/plain; charset=\"utf-16\"", new byte[] { 0x68, 0x00, 0x69, 0x00 }, "hi")]
    [InlineData("text/plain; charset=x-no-such-charset", new byte[] { 0x63, 0xC3, 0xA9 }, "c\u00e9")]
    [InlineData("text/plain", new byte[] { 0x63, 0xC3, 0xA9 }, "c\u00e9")]
    [InlineData("application/json; charset=utf-8", new byte[] { 0x22, 0x5C, 0x75, 0x30, 0x30, 0x65, 0x39, 0x22 }, "\u00e9")]
    [InlineData("application/jsonl", new byte[] { 0x22, 0x61, 0x22 }, "\"a\"")]
    [InlineData("application/vnd.api+json", new byte[] { 0x22, 0x61, 0x22 }, "a")]
    [InlineData("text/plain", new byte[] { 0x22, 0x61, 0x22 }, "\"a\"")]
    public async Task Text_is_decoded_in_the_declared_charset_and_only_a_json_body_as_a_json_string(string contentType, byte[] body, string expected)
    {
        using var response = new StreamedResponse(new MemoryStream(body), contentType);

        Assert.Equal(expected, await response.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_read_in_full_keeps_every_byte_whether_or_not_its_length_is_known()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
        using var known = new StreamedResponse(new MemoryStream(bytes), "application/octet-stream");
        using var unknown = new StreamedResponse(new UnseekableStream(bytes), "application/octet-stream");

        Assert.Equal((200_000L, (long?)null), (known.ContentLength!.Value, unknown.ContentLength));
        Assert.Equal(bytes, await known.ReadAllBytesAsync());
        Assert.Equal(bytes, await unknown.ReadAllBytesAsync());
    }

    /// <summary>A stream that cannot tell its length, as a chunked response body.</summary>
    private sealed class UnseekableStream : MemoryStream
    {
        public UnseekableStream(byte[] bytes)
            : base(bytes)
        {
        }

        public override bool CanSeek => false;
    }

    [Fact]
    public async Task Event_data_is_read_with_surrounding_white_space_and_empty_events_are_passed_over()
    {
        var events = "data:\n\ndata: \t \n\ndata:  {\"id\":\"c1\",\"choices\":[]}  \n\ndata:   [DONE]  \n\ndata: {\"id\":\"after\",\"choices\":[]}\n\n";
        var response = new StreamedResponse(new MemoryStream(Encoding.UTF8.GetBytes(events)), "text/event-stream");

        var read = await EventStreamReader.ReadAsync(response, static (string _, ref System.Text.Json.Utf8JsonReader r) => Streams.ChatChunk.JsonConverter.ReadValue(ref r)).ToListAsync();

        Assert.Equal("c1", Assert.Single(read).Id);
        await Assert.ThrowsAsync<ArgumentNullException>(() => EventStreamReader.ReadAsync<int>(null!, static (string _, ref System.Text.Json.Utf8JsonReader r) => 0).ToListAsync());
    }
}
