using System.Text.RegularExpressions;
using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The headers each attempt sends, as the server received them.</summary>
public sealed class RequestHeaderTests : ClientTestBase
{
    private static CreateBatchRequest NewRequest() => new() { InputFileId = "file-abc123", Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions };

    [Fact]
    public async Task The_default_user_agent_names_BatchGen_and_the_runtime_version()
    {
        using var client = NewClient();
        await client.ListBatchesAsync();
        var version = typeof(ApiPipeline).Assembly.GetName().Version!.ToString(3);
        Assert.Equal($"BatchGen/{version}", Server.Requests.Single().Headers["User-Agent"]);
    }

    [Fact]
    public async Task Each_POST_call_gets_its_own_idempotency_key_and_a_GET_gets_none()
    {
        using var client = NewClient();
        await client.CreateBatchAsync(NewRequest());
        await client.CreateBatchAsync(NewRequest());
        await client.ListBatchesAsync();

        var first = Server.Requests[0].Headers["Idempotency-Key"];
        var second = Server.Requests[1].Headers["Idempotency-Key"];
        Assert.Matches(new Regex("^batchgen-[0-9a-f]{32}$"), first);
        Assert.NotEqual(first, second);
        Assert.False(Server.Requests[2].Headers.ContainsKey("Idempotency-Key"));
    }

    [Fact]
    public async Task A_caller_key_is_sent_on_a_GET_too()
    {
        using var client = NewClient();
        await client.ListBatchesAsync(requestOptions: new RequestOptions { IdempotencyKey = "mine" });
        Assert.Equal("mine", Server.Requests.Single().Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task Every_attempt_counts_its_retries_past_nine()
    {
        Server.Inject(Fast(500, times: 11));
        using var client = NewClient(o => o.MaxRetries = 11);

        await client.ListBatchesAsync();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString()), Server.Requests.Select(r => r.Headers["X-BatchGen-Retry-Count"]));
    }

    [Fact]
    public async Task A_per_request_header_replaces_a_default_of_the_same_name_whatever_its_case()
    {
        using var client = NewClient(o => { o.DefaultHeaders["X-Team"] = "default"; o.DefaultHeaders["X-Kept"] = "kept"; });
        await client.ListBatchesAsync(requestOptions: new RequestOptions { Headers = { ["x-team"] = "override" } });

        var headers = Server.Requests.Single().Headers;
        Assert.Equal("override", headers["X-Team"]);
        Assert.Equal("kept", headers["X-Kept"]);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("COOKIE")]
    public async Task A_credential_in_per_request_headers_is_refused_before_anything_is_sent(string name)
    {
        using var client = NewClient();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.ListBatchesAsync(requestOptions: new RequestOptions { Headers = { [name] = "Bearer smuggled" } }));
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_cookie_among_the_default_headers_is_not_sent()
    {
        using var client = NewClient(o => { o.DefaultHeaders["Cookie"] = "session=1"; o.DefaultHeaders["X-Other"] = "1"; });
        await client.ListBatchesAsync();
        var headers = Server.Requests.Single().Headers;
        Assert.False(headers.ContainsKey("Cookie"));
        Assert.Equal("1", headers["X-Other"]);
    }
}
