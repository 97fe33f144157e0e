using Keys;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Error bodies read as the error schemas the spec declares, by status: exact codes, then ranges, then <c>default</c>.</summary>
public sealed class ErrorTypeTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private KeysClient Client() => new(new ClientOptions { BaseAddress = _server.Origin, MaxRetries = 0 });

    [Fact]
    public async Task One_catch_of_ApiException_covers_every_way_a_call_fails()
    {
        // An error status, a body that is not what the spec says, a timeout, an unreachable server.
        _server.Respond = r => r.Path.Value!.StartsWith("/slow", StringComparison.Ordinal)
            ? new RecordingServer.Answer(200) { Write = async c => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted) }
            : r.Path.Value!.Contains("chat", StringComparison.Ordinal) ? new RecordingServer.Answer(200, Body: "{\"id\": 5}") : new RecordingServer.Answer(500, Body: "{\"error\":{\"message\":\"down\"}}");
        var closed = await RecordingServer.StartAsync();
        var nowhere = closed.Origin;
        await closed.DisposeAsync();
        Streams.StreamsClient Streams(Uri address, TimeSpan? timeout = null)
            => new(new ClientOptions { BaseAddress = address, MaxRetries = 0, Timeout = timeout ?? TimeSpan.FromMinutes(1), Credentials = new ApiCredentials().SetKey("bearer", "k") });
        using var statusClient = Client();
        using var shapeClient = Streams(new Uri(_server.Origin, "v1/"));
        using var slowClient = Streams(new Uri(_server.Origin, "slow/"), TimeSpan.FromMilliseconds(200));
        using var unreachable = Streams(nowhere);
        var ask = new Streams.ChatRequest { Model = "m", Messages = Array.Empty<Streams.ChatRequestMessagesItem>() };

        var failures = new List<ApiException>
        {
            await Assert.ThrowsAnyAsync<ApiException>(() => statusClient.GetWithBearerAsync()),
            await Assert.ThrowsAnyAsync<ApiException>(() => shapeClient.CreateChatCompletionAsync(ask)),
            await Assert.ThrowsAnyAsync<ApiException>(() => slowClient.CreateChatCompletionAsync(ask)),
            await Assert.ThrowsAnyAsync<ApiException>(() => unreachable.CreateChatCompletionAsync(ask)),
        };

        Assert.Equal(new[] { typeof(InternalServerException), typeof(ApiResponseFormatException), typeof(ApiTimeoutException), typeof(ApiConnectionException) }, failures.Select(f => f.GetType()));
    }

    [Fact]
    public async Task A_status_with_its_own_schema_reads_as_that_type_and_its_message_is_used()
    {
        _server.Respond = _ => new RecordingServer.Answer(404, Body: """{"type":"about:blank","title":"Not Found","status":404,"detail":"No problem p1."}""", ContentType: "application/problem+json");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.GetProblemAsync("p1"));
        Assert.True(ex.TryGetError<Problem>(out var problem));
        Assert.Equal("No problem p1.", problem.Detail);
        Assert.Equal("No problem p1.", ex.Message);
    }

    [Fact]
    public async Task A_range_covers_the_statuses_without_their_own()
    {
        _server.Respond = _ => new RecordingServer.Answer(409, Body: """{"reason":"locked"}""");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<ConflictException>(() => client.GetProblemAsync("p1"));
        Assert.Equal("locked", Assert.IsType<Refusal>(ex.Error).Reason);
        Assert.False(ex.TryGetError<Problem>(out _));
    }

    [Fact]
    public async Task Default_covers_the_rest()
    {
        _server.Respond = _ => new RecordingServer.Answer(503, Body: """{"failure":"overloaded"}""");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<InternalServerException>(() => client.GetProblemAsync("p1"));
        Assert.Equal("overloaded", Assert.IsType<Failure>(ex.Error).FailureValue); // named like its type: CS0542, so "Value" is added
    }

    [Fact]
    public async Task A_body_that_fits_no_declared_schema_leaves_Error_null_and_keeps_the_text()
    {
        _server.Respond = _ => new RecordingServer.Answer(409, Body: "<html>upstream</html>", ContentType: "text/html");
        using var client = Client();
        var ex = await Assert.ThrowsAsync<ConflictException>(() => client.GetProblemAsync("p1"));
        Assert.Null(ex.Error);
        Assert.Equal("<html>upstream</html>", ex.ResponseBody);
    }
    [Fact]
    public async Task ToString_gives_the_type_status_request_id_and_message_for_logs()
    {
        _server.Respond = r => new RecordingServer.Answer(r.Path.Value!.EndsWith("p1", StringComparison.Ordinal) ? 429 : 503, Body: """{"error":{"message":"slow down"}}""")
        {
            Headers = r.Path.Value!.EndsWith("p1", StringComparison.Ordinal) ? new() { ["x-request-id"] = "req_42", ["retry-after"] = "3" } : new() { ["retry-after"] = "3" },
        };
        using var client = Client();

        var limited = await Assert.ThrowsAsync<RateLimitException>(() => client.GetProblemAsync("p1"));
        var down = await Assert.ThrowsAsync<InternalServerException>(() => client.GetProblemAsync("p2"));

        Assert.Equal("BatchGen.RateLimitException: 429 TooManyRequests (request req_42): slow down", limited.ToString());
        Assert.Equal("BatchGen.InternalServerException: 503 ServiceUnavailable: slow down", down.ToString());
        Assert.Equal(TimeSpan.FromSeconds(3), limited.RetryAfter);
        Assert.Equal("req_42", limited.RequestId);
        Assert.Equal("3", Assert.Single(limited.Headers!.GetValues("retry-after")));
    }

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(404, false)]
    public async Task Only_a_refusal_says_which_credential_was_not_sent(int status, bool explained)
    {
        _server.Respond = _ => new RecordingServer.Answer(status, Body: """{"error":{"message":"no"}}""");
        using var client = Client();

        var ex = await Assert.ThrowsAnyAsync<ApiStatusException>(() => client.GetWithBearerAsync());

        Assert.StartsWith("no", ex.Message);
        Assert.Equal(explained, ex.Message.Contains("No credential was sent: the operation accepts Bearer.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_body_cut_at_the_cap_is_kept_as_text_and_not_read_as_the_schema()
    {
        // Valid JSON for the declared problem schema, padded past the 64 KiB cap with white space.
        var body = """{"type":"about:blank","title":"Not Found","status":404,"detail":"gone"}""" + new string(' ', 70_000);
        _server.Respond = _ => new RecordingServer.Answer(404, Body: body, ContentType: "application/problem+json");
        using var client = Client();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.GetProblemAsync("p1"));

        Assert.Null(ex.Error);
        Assert.Equal(64 * 1024, ex.ResponseBody!.Length);
    }
}
