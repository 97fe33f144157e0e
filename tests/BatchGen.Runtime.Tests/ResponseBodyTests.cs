using System.Text;
using System.Text.Json;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// A success body read as JSON, from a real server on 127.0.0.1: bodies with and without a
/// declared length, larger than the first buffer, and bodies that are not one JSON value.
/// </summary>
public sealed class ResponseBodyTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ApiPipeline Pipeline()
        => PlainPipeline.To(new Uri(_server.Origin, "v1"));

    private static string ReadString(ref Utf8JsonReader reader) => reader.GetString() ?? throw new JsonException("null");

    private Task<ApiResponse<string>> Get(ApiPipeline pipeline) => pipeline.SendAsync(new ApiRequest("GET", "getText").AppendPath("/text"), ReadString, CancellationToken.None);

    /// <summary>Answers with <paramref name="body"/>, with a Content-Length or chunked.</summary>
    private void Answer(string body, bool declareLength, string contentType = "application/json", string? requestId = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        _server.Respond = _ => new RecordingServer.Answer(200, ContentType: contentType)
        {
            Headers = requestId is null ? new() : new() { ["x-request-id"] = requestId },
            Write = async context =>
            {
                if (declareLength)
                {
                    context.Response.ContentLength = bytes.Length;
                }

                // Written in pieces so the client reads the body in several reads.
                for (var offset = 0; offset < bytes.Length; offset += 7000)
                {
                    await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(7000, bytes.Length - offset)));
                    await context.Response.Body.FlushAsync();
                }
            },
        };
    }

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 10)]
    [InlineData(true, 100_000)]
    [InlineData(false, 100_000)]
    [InlineData(false, 16 * 1024 - 2)] // with its quotes, exactly the first buffer
    public async Task A_string_body_of_any_size_reads_whole_with_or_without_a_length(bool declareLength, int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        Answer(JsonSerializer.Serialize(text), declareLength);
        using var pipeline = Pipeline();

        var response = await Get(pipeline);

        Assert.Equal(text, response.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public async Task An_empty_success_body_is_a_format_error_saying_so(string body)
    {
        Answer(body, declareLength: true, requestId: "req_empty");
        using var pipeline = Pipeline();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => Get(pipeline));

        Assert.Equal("The response to getText (HTTP 200) is not what the spec describes: The body is empty.", ex.Message);
        Assert.Equal(("getText", "$", "req_empty"), (ex.OperationId, ex.JsonPath, ex.RequestId));
    }

    [Fact]
    public async Task White_space_around_the_value_is_fine_and_a_second_value_is_a_format_error()
    {
        using var pipeline = Pipeline();
        Answer(" \n\"one\" \r\n", declareLength: false);
        Assert.Equal("one", (await Get(pipeline)).Value);

        Answer("\"one\" \"two\"", declareLength: false);
        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => Get(pipeline));
        Assert.Contains("after a single JSON value", ex.Message);
    }

    [Theory]
    [InlineData("text/html", " (the server sent 'text/html', not JSON)")]
    [InlineData("application/problem+json", "")]
    [InlineData("APPLICATION/JSON", "")]
    public async Task A_body_that_does_not_read_names_a_media_type_only_when_it_is_not_json(string contentType, string named)
    {
        Answer("<html>busy</html>", declareLength: true, contentType);
        using var pipeline = Pipeline();

        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => Get(pipeline));

        Assert.StartsWith($"The response to getText (HTTP 200) is not what the spec describes{named}: ", ex.Message);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Nesting_deeper_than_256_levels_is_refused_and_256_is_read()
    {
        static object? Skip(ref Utf8JsonReader reader)
        {
            reader.Skip();
            return null;
        }

        using var pipeline = Pipeline();
        Answer(new string('[', 256) + new string(']', 256), declareLength: true);
        await pipeline.SendAsync(new ApiRequest("GET", "deep").AppendPath("/deep"), Skip, CancellationToken.None);

        Answer(new string('[', 257) + new string(']', 257), declareLength: true);
        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => pipeline.SendAsync(new ApiRequest("GET", "deep").AppendPath("/deep"), Skip, CancellationToken.None));
        Assert.Contains("256", ex.Message);
    }
}
