using System.Text;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Redirects, which the pipeline follows itself (so credentials reach the client's own origin
/// only; <see cref="AuthTests"/> checks that side). Here: what each status does to the method and
/// the body, relative locations, a redirect loop, and a location that is not HTTP, as a real
/// server on 127.0.0.1 received them.
/// </summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ApiPipeline Pipeline()
        => PlainPipeline.To(new Uri(_server.Origin, "v1"));

    private static ApiRequest Post(string path)
        => new ApiRequest("POST", "post").AppendPath(path).SetJsonBody("payload", static (writer, value) => writer.WriteStringValue(value));

    private void RedirectOnce(string from, int status, string location)
        => _server.Respond = r => r.Path == from ? new RecordingServer.Answer(status, location) : null;

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_post_redirected_by_301_302_or_303_becomes_a_get_without_the_body(int status)
    {
        RedirectOnce("/v1/start", status, "/v1/landing");
        using var pipeline = Pipeline();

        var response = await pipeline.SendAsync(Post("/start"), CancellationToken.None);

        Assert.True(response.Value);
        var (first, second) = (_server.Requests[0], _server.Requests[1]);
        Assert.Equal(("POST", "\"payload\""), (first.Method, Encoding.UTF8.GetString(first.Body)));
        Assert.Equal(("GET", "/v1/landing", 0), (second.Method, second.Target, second.Body.Length));
        Assert.Null(second.Header("Content-Type"));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_post_redirected_by_307_or_308_is_sent_again_with_its_body_and_key(int status)
    {
        RedirectOnce("/v1/start", status, "/v1/landing");
        using var pipeline = Pipeline();

        await pipeline.SendAsync(Post("/start"), CancellationToken.None);

        var (first, second) = (_server.Requests[0], _server.Requests[1]);
        Assert.Equal(("POST", "/v1/landing", "\"payload\""), (second.Method, second.Target, Encoding.UTF8.GetString(second.Body)));
        Assert.Equal("application/json", second.Header("Content-Type"));
        Assert.NotNull(first.Header("Idempotency-Key"));
        Assert.Equal(first.Header("Idempotency-Key"), second.Header("Idempotency-Key"));
    }

    [Theory]
    [InlineData(301, "PUT")]
    [InlineData(302, "DELETE")]
    public async Task A_301_or_302_keeps_any_method_but_post(int status, string method)
    {
        RedirectOnce("/v1/start", status, "/v1/landing");
        using var pipeline = Pipeline();

        await pipeline.SendAsync(new ApiRequest(method, "other").AppendPath("/start"), CancellationToken.None);

        Assert.Equal(new[] { method, method }, _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_303_turns_a_delete_into_a_get_and_leaves_a_head_a_head()
    {
        RedirectOnce("/v1/start", 303, "/v1/landing");
        using var pipeline = Pipeline();

        await pipeline.SendAsync(new ApiRequest("DELETE", "delete").AppendPath("/start"), CancellationToken.None);
        await pipeline.SendAsync(new ApiRequest("HEAD", "head").AppendPath("/start"), CancellationToken.None);

        Assert.Equal(new[] { "DELETE", "GET", "HEAD", "HEAD" }, _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_relative_location_is_resolved_against_the_address_that_redirected()
    {
        // "landing" without a slash is relative to /v1/deep/, the redirecting resource's folder.
        RedirectOnce("/v1/deep/start", 307, "landing?x=1");
        using var pipeline = Pipeline();

        await pipeline.SendAsync(new ApiRequest("GET", "get").AppendPath("/deep/start"), CancellationToken.None);

        Assert.Equal(new[] { "/v1/deep/start", "/v1/deep/landing?x=1" }, _server.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task Redirects_are_followed_ten_times_and_the_eleventh_is_the_answer()
    {
        _server.Respond = r => new RecordingServer.Answer(302, r.Path + "x", "{\"error\":{\"message\":\"loop\"}}");
        using var pipeline = Pipeline();

        var failure = await Assert.ThrowsAnyAsync<ApiStatusException>(() => pipeline.SendAsync(new ApiRequest("GET", "loop").AppendPath("/a"), CancellationToken.None));

        Assert.Equal(302, (int)failure.StatusCode);
        Assert.Equal(11, _server.Requests.Count);
        Assert.Equal("/v1/axxxxxxxxxx", _server.Requests[^1].Target);
    }

    [Fact]
    public async Task A_redirect_that_is_not_http_is_not_followed_and_is_the_answer()
    {
        RedirectOnce("/v1/start", 302, "ftp://127.0.0.1/file");
        using var pipeline = Pipeline();

        var failure = await Assert.ThrowsAnyAsync<ApiStatusException>(() => pipeline.SendAsync(new ApiRequest("GET", "ftp").AppendPath("/start"), CancellationToken.None));

        Assert.Equal(302, (int)failure.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(304)]
    public async Task Other_3xx_statuses_are_not_followed(int status)
    {
        RedirectOnce("/v1/start", status, "/v1/landing");
        using var pipeline = Pipeline();

        var failure = await Assert.ThrowsAnyAsync<ApiStatusException>(() => pipeline.SendAsync(new ApiRequest("GET", "get").AppendPath("/start"), CancellationToken.None));

        Assert.Equal(status, (int)failure.StatusCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_the_answer()
    {
        _server.Respond = r => new RecordingServer.Answer(307);
        using var pipeline = Pipeline();

        var failure = await Assert.ThrowsAnyAsync<ApiStatusException>(() => pipeline.SendAsync(new ApiRequest("GET", "get").AppendPath("/start"), CancellationToken.None));

        Assert.Equal(307, (int)failure.StatusCode);
        Assert.Single(_server.Requests);
    }
    [Fact]
    public async Task A_default_header_replaces_one_the_operation_sets_and_the_user_agent()
    {
        var options = new ClientOptions { MaxRetries = 0 };
        options.DefaultHeaders["x-team"] = "default";
        options.DefaultHeaders["User-Agent"] = "mine/1.0";
        using var pipeline = PlainPipeline.To(new Uri(_server.Origin, "v1"), options);

        await pipeline.SendAsync(new ApiRequest("GET", "get").AppendPath("/h").AddHeader("X-Team", "generated"), CancellationToken.None);

        var seen = Assert.Single(_server.Requests);
        Assert.Equal(("default", "mine/1.0"), (seen.Header("X-Team"), seen.Header("User-Agent")));
    }
}
