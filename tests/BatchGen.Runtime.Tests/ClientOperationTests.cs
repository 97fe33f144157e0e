using System.Net;
using System.Text.Json;
using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The four Batch operations end to end against the fake server, over a real socket.</summary>
public sealed class ClientOperationTests : ClientTestBase
{
    private readonly FakeClock _clock = new();

    protected override FakeBatchServerOptions ServerOptions => new() { Clock = _clock };

    private static CreateBatchRequest NewRequest() => new()
    {
        InputFileId = "file-abc123",
        Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions,
        CompletionWindow = "24h",
        Metadata = new Dictionary<string, string> { ["customer_id"] = "user_123456789" },
    };

    [Fact]
    public async Task Create_retrieve_cancel_and_watch_it_become_cancelled()
    {
        using var client = NewClient();

        var created = await client.CreateBatchAsync(NewRequest());
        Assert.Equal(BatchStatus.Validating, created.Status);
        Assert.Equal("user_123456789", created.Metadata!["customer_id"]);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds(), created.CreatedAt.ToUnixTimeSeconds());

        _clock.Advance(TimeSpan.FromSeconds(5));
        var running = await client.RetrieveBatchAsync(created.Id);
        Assert.Equal(BatchStatus.InProgress, running.Status);
        Assert.NotNull(running.InProgressAt);

        var cancelling = await client.CancelBatchAsync(created.Id);
        Assert.Equal(BatchStatus.Cancelling, cancelling.Status);
        Assert.NotNull(cancelling.CancellingAt);

        _clock.Advance(TimeSpan.FromSeconds(3));
        var cancelled = await client.RetrieveBatchAsync(created.Id);
        Assert.Equal(BatchStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.CancelledAt);
    }

    [Fact]
    public async Task Cancelling_a_finished_batch_is_a_bad_request_in_openai_error_shape()
    {
        using var client = NewClient();
        var id = Server.Seed();
        _clock.Advance(TimeSpan.FromHours(1));

        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.CancelBatchAsync(id));
        Assert.Equal("Cannot cancel a batch with status 'completed'.", ex.Message);
        Assert.Equal("invalid_request_error", ex.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.StartsWith("req_", ex.RequestId);
        Assert.Null(ex.Error); // the Batch operations declare no error responses, as in OpenAI's own spec
    }

    [Fact]
    public async Task A_missing_batch_is_not_found()
    {
        using var client = NewClient();
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.RetrieveBatchAsync("batch_missing"));
        Assert.Contains("batch_missing", ex.Message);
    }

    [Fact]
    public async Task Invalid_arguments_come_back_as_typed_errors_with_the_parameter()
    {
        using var client = NewClient();
        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.CreateBatchAsync(NewRequest() with { Endpoint = "/v1/unknown" }));
        Assert.Equal("endpoint", ex.ErrorParam);
    }

    [Fact]
    public async Task List_returns_one_page_and_auto_paging_follows_the_cursor_across_pages()
    {
        using var client = NewClient();
        var ids = Enumerable.Range(0, 7).Select(_ => Server.Seed()).ToList();

        var first = await client.ListBatchesAsync(limit: 3);
        Assert.Equal(3, first.Data.Count);
        Assert.True(first.HasMore);
        Assert.Equal(ids[6], first.Data[0].Id); // newest first

        Server.Reset();
        var all = new List<string>();
        await foreach (var batch in client.ListBatchesAutoPagingAsync(limit: 3))
        {
            all.Add(batch.Id);
        }

        Assert.Equal(Enumerable.Reverse(ids), all);
        var pages = Server.Requests.Where(r => r.Method == "GET").Select(r => r.RawTarget).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal("/v1/batches?limit=3", pages[0]);
        Assert.Equal($"/v1/batches?after={ids[4]}&limit=3", pages[1]);
        Assert.Equal($"/v1/batches?after={ids[1]}&limit=3", pages[2]);
    }

    [Fact]
    public async Task Query_parameters_are_left_out_when_null()
    {
        using var client = NewClient();
        await client.ListBatchesAsync();
        Assert.Equal("/v1/batches", Server.Requests.Single().RawTarget);
    }

    [Fact]
    public async Task With_response_exposes_status_headers_and_request_id()
    {
        using var client = NewClient();
        var id = Server.Seed();
        var response = await client.RetrieveBatchWithResponseAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("req_", response.RequestId);
        Assert.Equal(id, response.Value.Id);
        Assert.Equal(0, response.RetryCount);
    }

    [Fact]
    public async Task An_unknown_status_from_the_server_is_kept()
    {
        using var client = NewClient();
        var body = JsonRoundTripTests.CompletedBatch.Replace("\"status\": \"completed\"", "\"status\": \"paused\"");
        Server.Inject(new Fault { Status = 200, Body = body });
        var batch = await client.RetrieveBatchAsync("batch_abc123");
        Assert.Equal("paused", batch.Status.ToString());
        Assert.False(batch.Status.IsKnown);
    }

    [Fact]
    public async Task Invalid_json_in_a_success_names_the_operation_and_path()
    {
        using var client = NewClient();
        Server.Inject(new Fault { Status = 200, Body = JsonRoundTripTests.CompletedBatch.Replace("\"total\": 100", "\"total\": \"lots\"") });
        var ex = await Assert.ThrowsAsync<ApiResponseFormatException>(() => client.RetrieveBatchAsync("batch_abc123"));
        Assert.Equal("retrieveBatch", ex.OperationId);
        Assert.Equal("$.request_counts.total", ex.JsonPath);
        Assert.Contains("retrieveBatch", ex.Message);
        Assert.Contains("$.request_counts.total", ex.Message);

        Server.Inject(new Fault { Status = 200, Body = "{\"id\": \"batch_1\", " });
        var truncated = await Assert.ThrowsAsync<ApiResponseFormatException>(() => client.RetrieveBatchAsync("batch_abc123"));
        Assert.IsAssignableFrom<JsonException>(truncated.InnerException);
    }

    [Fact]
    public async Task Sends_auth_identification_and_json_headers()
    {
        using var client = NewClient(o => { o.DefaultHeaders["OpenAI-Organization"] = "org-123"; o.DefaultHeaders["OpenAI-Project"] = "proj-456"; o.UserAgent = "tests/1.0"; });
        await client.CreateBatchAsync(NewRequest());
        var request = Server.Requests.Single();
        Assert.Equal("(valid)", request.Headers["Authorization"]);
        Assert.Equal("org-123", request.Headers["OpenAI-Organization"]);
        Assert.Equal("proj-456", request.Headers["OpenAI-Project"]);
        Assert.Equal("tests/1.0", request.Headers["User-Agent"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal(
            """{"input_file_id":"file-abc123","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"customer_id":"user_123456789"}}""",
            request.Body);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error()
    {
        using var client = NewClient(o => o.ApiKey = "sk-wrong");
        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => client.ListBatchesAsync());
        Assert.Equal("invalid_api_key", ex.ErrorCode);
        Assert.Single(Server.Requests); // 401 is not retried
    }

    [Fact]
    public async Task A_missing_key_says_how_to_set_one()
    {
        using var client = NewClient(o => o.ApiKey = null);
        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => client.ListBatchesAsync());
        Assert.Contains("OPENAI_API_KEY", ex.Message);
    }

    [Fact]
    public async Task A_given_http_client_is_used_and_never_disposed()
    {
        using var http = new HttpClient();
        using (var client = new OpenAIClient(http, new ClientOptions { ApiKey = Server.ApiKey, BaseAddress = Server.BaseAddress }))
        {
            await client.ListBatchesAsync();
        }

        var stillUsable = await http.GetAsync(new Uri(Server.BaseAddress + "/batches"));
        Assert.Equal(HttpStatusCode.Unauthorized, stillUsable.StatusCode);
    }

    [Fact]
    public async Task The_http_client_base_address_is_used_when_options_name_none()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var client = new OpenAIClient(http, new ClientOptions { ApiKey = Server.ApiKey });
        Assert.Equal(Server.BaseAddress, client.BaseAddress);
        await client.ListBatchesAsync();
        Assert.Single(Server.Requests);
    }

    [Fact]
    public void The_spec_server_is_the_default_address()
    {
        using var client = new OpenAIClient(new ClientOptions { ApiKey = "sk-test" });
        Assert.Equal(new Uri("https://api.openai.com/v1"), client.BaseAddress);
        Assert.Equal("https://api.openai.com/v1", OpenAIClient.DefaultBaseAddress);
    }

    [Fact]
    public async Task Sixty_four_concurrent_cancels_all_succeed()
    {
        using var client = NewClient();
        var ids = Enumerable.Range(0, 64).Select(_ => Server.Seed()).ToList();
        var results = await Task.WhenAll(ids.Select(id => client.CancelBatchAsync(id)));
        Assert.All(results, batch => Assert.Equal(BatchStatus.Cancelling, batch.Status));
        Assert.Equal(64, Server.Requests.Count);
        Assert.Equal(ids.OrderBy(i => i), results.Select(r => r.Id).OrderBy(i => i));
    }
}
