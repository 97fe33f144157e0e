using System.Text;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>JSON Lines reading and writing: line numbers on bad lines, line ends, long lines, files.</summary>
public sealed class JsonLinesTests
{
    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Written_lines_read_back_one_value_per_line()
    {
        var lines = new[] { new ChatMessage("user", "a\nb"), new ChatMessage("assistant", "ü \"q\"") };
        using var stream = new MemoryStream();

        await JsonLines.WriteAsync(stream, lines, BatchLinesContext.Default.ChatMessage);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text);
        Assert.Equal(lines, await TestTime.ToListAsync(JsonLines.ReadAsync(Text(text), BatchLinesContext.Default.ChatMessage)));
    }

    [Fact]
    public async Task A_bad_line_stops_the_reading_with_its_line_number_after_the_good_lines_before_it()
    {
        var read = new List<ChatMessage>();
        var ex = await Assert.ThrowsAsync<JsonLinesException>(async () =>
        {
            await foreach (var line in JsonLines.ReadAsync(Text("{\"role\":\"a\",\"content\":\"1\"}\n\n{\"role\":\"b\",\"content\":\"2\"}\n{\"role\": tru\n{\"role\":\"c\",\"content\":\"3\"}\n"), BatchLinesContext.Default.ChatMessage))
            {
                read.Add(line);
            }
        });

        Assert.Equal(4, ex.LineNumber);
        Assert.Contains("Line 4", ex.Message);
        Assert.Equal(new[] { "1", "2" }, read.Select(l => l.Content));
    }

    [Fact]
    public async Task Crlf_line_ends_blank_lines_and_a_last_line_without_a_newline_are_read()
    {
        var lines = await TestTime.ToListAsync(JsonLines.ReadAsync(Text("\r\n{\"role\":\"a\",\"content\":\"1\"}\r\n   \r\n{\"role\":\"b\",\"content\":\"2\"}"), BatchLinesContext.Default.ChatMessage));

        Assert.Equal(new[] { "1", "2" }, lines.Select(l => l.Content));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(29)]
    public async Task Lines_arriving_in_pieces_of_any_size_read_the_same(int piece)
    {
        const string text = "{\"role\":\"a\",\"content\":\"1\"}\r\n\r\n \n{\"role\":\"b\",\"content\":\"2\"}\n{\"role\":\"c\",\"content\":\"3\"}\r";

        var lines = await TestTime.ToListAsync(JsonLines.ReadAsync(new SlowStream(Encoding.UTF8.GetBytes(text), piece), BatchLinesContext.Default.ChatMessage));

        Assert.Equal(new[] { "1", "2", "3" }, lines.Select(l => l.Content));
    }

    [Fact]
    public async Task A_bad_line_after_blank_ones_is_counted_by_its_place_in_the_file()
    {
        var ex = await Assert.ThrowsAsync<JsonLinesException>(() => TestTime.ToListAsync(JsonLines.ReadAsync(new SlowStream(Encoding.UTF8.GetBytes("\n\r\n{\"role\":\"a\",\"content\":\"1\"}\n \nnot json"), 2), BatchLinesContext.Default.ChatMessage)));

        Assert.Equal(5, ex.LineNumber);
        Assert.StartsWith("Line 5 is not valid: ", ex.Message);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Lines_longer_than_the_read_buffer_are_read_whole()
    {
        var long1 = new string('x', 300_000);
        var long2 = new string('y', 70_000);
        var text = $"{{\"role\":\"a\",\"content\":\"{long1}\"}}\n{{\"role\":\"b\",\"content\":\"{long2}\"}}\n";

        var lines = await TestTime.ToListAsync(JsonLines.ReadAsync(new SlowStream(Encoding.UTF8.GetBytes(text), 7_001), BatchLinesContext.Default.ChatMessage));

        Assert.Equal(new[] { long1, long2 }, lines.Select(l => l.Content));
    }

    [Fact]
    public async Task Files_are_written_and_read_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "batchgen-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            await JsonLines.WriteFileAsync(path, new[] { new ChatMessage("user", "hi") }, BatchLinesContext.Default.ChatMessage);
            var line = Assert.Single(await TestTime.ToListAsync(JsonLines.ReadFileAsync(path, BatchLinesContext.Default.ChatMessage)));
            Assert.Equal("hi", line.Content);
            Assert.Equal("{\"role\":\"user\",\"content\":\"hi\"}\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Missing_arguments_are_refused_by_name()
    {
        var info = BatchLinesContext.Default.ChatMessage;
        Assert.Equal("stream", (await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(null!, Array.Empty<ChatMessage>(), info))).ParamName);
        Assert.Equal("items", (await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(new MemoryStream(), null!, info))).ParamName);
        Assert.Equal("typeInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => JsonLines.WriteAsync(new MemoryStream(), Array.Empty<ChatMessage>(), null!))).ParamName);
        Assert.Equal("stream", (await Assert.ThrowsAsync<ArgumentNullException>(() => TestTime.ToListAsync(JsonLines.ReadAsync(null!, info)))).ParamName);
        Assert.Equal("typeInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => TestTime.ToListAsync(JsonLines.ReadAsync<ChatMessage>(new MemoryStream(), null!)))).ParamName);
    }

    [Fact]
    public async Task A_line_is_handed_out_as_soon_as_its_newline_arrives_even_first_in_a_read()
    {
        // Each piece arrives only after the line before it was read: a reader that waited for more
        // (or for the end) before handing out a line would never get the next piece.
        var pipe = new System.IO.Pipelines.Pipe();
        await using var lines = JsonLines.ReadAsync(pipe.Reader.AsStream(), BatchLinesContext.Default.ChatMessage).GetAsyncEnumerator();

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("{\"role\":\"a\",\"content\":\"1\"}\n"));
        Assert.True(await lines.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("1", lines.Current.Content);

        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("\n{\"role\":\"b\",\"content\":\"2\"}\n"));
        Assert.True(await lines.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("2", lines.Current.Content);

        await pipe.Writer.CompleteAsync();
        Assert.False(await lines.MoveNextAsync());
    }

    /// <summary>Hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class SlowStream : MemoryStream
    {
        private readonly int _most;

        public SlowStream(byte[] content, int most)
            : base(content) => _most = most;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _most));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _most)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, _most)], cancellationToken);
    }
}
