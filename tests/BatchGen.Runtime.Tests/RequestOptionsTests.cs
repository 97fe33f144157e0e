using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Per-call settings over the client's, as the fake server sees them.</summary>
public sealed class RequestOptionsTests : ClientTestBase
{
    private static readonly CreateBatchRequest Create = new() { InputFileId = "file-1", Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions };

    [Fact]
    public async Task Extra_headers_go_with_this_call_only_and_every_page_of_an_auto_paging_call()
    {
        using var client = NewClient();
        Server.Seed();
        Server.Seed();
        Server.Seed();

        var options = new RequestOptions { Headers = { ["X-Trace"] = "t-1" } };
        var all = await client.ListBatchesAutoPagingAsync(limit: 2, requestOptions: options).ToListAsync();
        await client.ListBatchesAsync();

        Assert.Equal(3, all.Count);
        var requests = Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(new[] { "t-1", "t-1", null }, requests.Select(r => r.Headers.TryGetValue("X-Trace", out var v) ? v : null));
    }

    [Fact]
    public async Task A_credential_header_is_refused_and_nothing_is_sent()
    {
        using var client = NewClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.ListBatchesAsync(requestOptions: new RequestOptions { Headers = { ["authorization"] = "Bearer other" } }));

        Assert.Contains("'authorization'", ex.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task The_callers_idempotency_key_is_sent_on_every_attempt()
    {
        using var client = NewClient();
        Server.Inject(Fast(500));

        await client.CreateBatchAsync(Create, requestOptions: new RequestOptions { IdempotencyKey = "job-42" });

        Assert.Equal(new[] { "job-42", "job-42" }, Server.Requests.Select(r => r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task Max_retries_for_one_call_overrides_the_clients()
    {
        using var client = NewClient(o => o.MaxRetries = 3);
        Server.Inject(Fast(500, times: 10));

        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync(requestOptions: new RequestOptions { MaxRetries = 0 }));
        Assert.Single(Server.Requests);

        Server.Reset();
        Server.Inject(Fast(500, times: 10));
        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync(requestOptions: new RequestOptions { MaxRetries = 1 }));
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_for_one_call_overrides_the_clients_and_says_so()
    {
        using var client = NewClient(o => o.Timeout = TimeSpan.FromMinutes(5));
        Server.Inject(new Fault { Delay = TimeSpan.FromSeconds(30) });

        var ex = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.ListBatchesAsync(requestOptions: new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 }));

        Assert.Contains("RequestOptions.Timeout", ex.Message);
    }

    [Fact]
    public async Task The_options_token_cancels_like_the_methods_own()
    {
        using var client = NewClient();
        Server.Inject(new Fault { Delay = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource();
        var call = client.ListBatchesAsync(requestOptions: new RequestOptions { CancellationToken = cts.Token });
        while (Server.Requests.Count == 0)
        {
            await Task.Delay(5);
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Nonsense_settings_are_refused_where_they_are_set()
    {
        Assert.Contains("RequestOptions.MaxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => new RequestOptions { MaxRetries = -1 }).Message);
        Assert.Contains("RequestOptions.Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => new RequestOptions { Timeout = TimeSpan.Zero }).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestOptions { Timeout = TimeSpan.FromSeconds(-1) });
        Assert.Equal((0, Timeout.InfiniteTimeSpan), (new RequestOptions { MaxRetries = 0 }.MaxRetries, new RequestOptions { Timeout = Timeout.InfiniteTimeSpan }.Timeout));

        Assert.Contains("ClientOptions.MaxRetries", Assert.Throws<ArgumentOutOfRangeException>(() => new ClientOptions { MaxRetries = -1 }).Message);
        Assert.Contains("ClientOptions.Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => new ClientOptions { Timeout = TimeSpan.Zero }).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientOptions { Timeout = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentNullException>(() => new ClientOptions { TimeProvider = null! });
        Assert.Throws<ArgumentNullException>(() => new ClientOptions { Credentials = null! });
        Assert.Equal((0, Timeout.InfiniteTimeSpan), (new ClientOptions { MaxRetries = 0 }.MaxRetries, new ClientOptions { Timeout = Timeout.InfiniteTimeSpan }.Timeout));
        Assert.Equal((2, TimeSpan.FromMinutes(10)), (new ClientOptions().MaxRetries, new ClientOptions().Timeout));
    }

    [Fact]
    public async Task Options_changed_after_the_client_is_made_do_not_change_it()
    {
        var options = new ClientOptions { ApiKey = Server.ApiKey, BaseAddress = Server.BaseAddress, MaxRetries = 0 };
        options.DefaultHeaders["X-Team"] = "a";
        using var client = new OpenAIClient(options);

        options.DefaultHeaders["X-Team"] = "b";
        options.DefaultHeaders["X-Added"] = "c";
        options.Credentials.SetKey(OpenAIClient.SecuritySchemeNames.ApiKeyAuth, "someone-else");
        options.MaxRetries = 5;
        Server.Inject(Fast(500, times: 2));
        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        var sent = Assert.Single(Server.Requests);
        Assert.Equal("a", sent.Headers["X-Team"]);
        Assert.False(sent.Headers.ContainsKey("X-Added"));
        Assert.Equal("(valid)", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task An_infinite_timeout_lets_the_call_run_to_its_end()
    {
        using var client = NewClient(o => o.Timeout = Timeout.InfiniteTimeSpan);

        var page = await client.ListBatchesAsync(requestOptions: new RequestOptions { Timeout = Timeout.InfiniteTimeSpan });

        Assert.NotNull(page);
    }
}
