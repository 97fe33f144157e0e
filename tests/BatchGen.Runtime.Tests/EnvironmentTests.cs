using OpenAI.Batches;
using SingleKey;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Tests that set process-wide environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Environment variables";
}

/// <summary>
/// Each client reads only its own <c>{PREFIX}_API_KEY</c> and <c>{PREFIX}_BASE_URL</c>: a client for
/// another API never sends the OpenAI key, nor follows <c>OPENAI_BASE_URL</c>.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentTests : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _saved = new();
    private RecordingServer _own = null!;
    private RecordingServer _openAi = null!;

    public async Task InitializeAsync()
    {
        _own = await RecordingServer.StartAsync();
        _openAi = await RecordingServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await _own.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    private void Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    [Fact]
    public async Task A_client_for_another_api_sends_neither_the_openai_key_nor_to_the_openai_address()
    {
        Set("OPENAI_API_KEY", "sk-openai-secret");
        Set("OPENAI_BASE_URL", new Uri(_openAi.Origin, "v1").AbsoluteUri);
        Set("OPENAI_ORG_ID", "org-openai");
        Set("SINGLEKEY_BASE_URL", new Uri(_own.Origin, "v1").AbsoluteUri);
        Set("SINGLEKEY_API_KEY", null);

        using var client = new SingleKeyClient();
        await client.ListThingsAsync();

        Assert.Empty(_openAi.Requests);
        var seen = Assert.Single(_own.Requests);
        Assert.Equal("/v1/things", seen.Target);
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains("sk-openai-secret", StringComparison.Ordinal) || h.Key.StartsWith("OpenAI-", StringComparison.OrdinalIgnoreCase));
        Assert.Null(seen.Header("X-API-Key"));
    }

    [Fact]
    public async Task A_client_reads_its_own_key_and_address_variables()
    {
        Set("SINGLEKEY_API_KEY", "own-key");
        Set("SINGLEKEY_BASE_URL", new Uri(_own.Origin, "v1").AbsoluteUri);
        Assert.Equal("SINGLEKEY", SingleKeyClient.EnvironmentPrefix);

        using var client = new SingleKeyClient();
        await client.ListThingsAsync();

        Assert.Equal("own-key", Assert.Single(_own.Requests).Header("X-API-Key"));
    }

    [Fact]
    public async Task Explicit_addresses_beat_the_environment()
    {
        Set("SINGLEKEY_BASE_URL", new Uri(_openAi.Origin, "v1").AbsoluteUri);
        using (var byOptions = new SingleKeyClient(new ClientOptions { BaseAddress = new Uri(_own.Origin, "v1"), ApiKey = "k" }))
        {
            await byOptions.ListThingsAsync();
        }

        using (var http = new HttpClient { BaseAddress = new Uri(_own.Origin, "v2") })
        using (var byHttpClient = new SingleKeyClient(http, new ClientOptions { ApiKey = "k" }))
        {
            await byHttpClient.ListThingsAsync();
        }

        Assert.Empty(_openAi.Requests);
        Assert.Equal(new[] { "/v1/things", "/v2/things" }, _own.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task The_openai_client_keeps_its_variables_and_conventions()
    {
        Set("OPENAI_API_KEY", "sk-from-env");
        Set("OPENAI_BASE_URL", new Uri(_openAi.Origin, "v1").AbsoluteUri);
        Set("OPENAI_ORG_ID", "org-1");
        Set("OPENAI_PROJECT_ID", null);
        Assert.Equal("OPENAI", OpenAIClient.EnvironmentPrefix);

        using var client = new OpenAIClient();
        await client.RetrieveBatchWithResponseAsync("batch_1").ContinueWith(_ => { });

        var seen = Assert.Single(_openAi.Requests);
        Assert.Equal("Bearer sk-from-env", seen.Header("Authorization"));
        Assert.Equal("org-1", seen.Header("OpenAI-Organization"));
        Assert.Null(seen.Header("OpenAI-Project"));
    }

    [Fact]
    public async Task A_key_from_the_environment_that_fits_no_single_scheme_is_not_used()
    {
        Set("TWO_API_KEY", "ambiguous");
        var api = new ApiDescription(null, "TWO", new[] { SecurityScheme.HttpBearer("First"), SecurityScheme.ApiKey("Second", ApiKeyLocation.Header, "X-Key") }, new[] { new[] { "First" }, new[] { "Second" } });
        using var pipeline = new ApiPipeline(null, new ClientOptions { BaseAddress = _own.Origin }, api);
        await pipeline.SendAsync(new ApiRequest("GET", "probe").AppendPath("/probe"), CancellationToken.None);
        var seen = Assert.Single(_own.Requests);
        Assert.Null(seen.Header("Authorization"));
        Assert.Null(seen.Header("X-Key"));
    }
    [Theory]
    [InlineData("not a url")]
    [InlineData("/v1/relative")]
    public void A_base_address_variable_that_is_no_absolute_url_is_refused_naming_it(string value)
    {
        Set("SINGLEKEY_BASE_URL", value);
        var ex = Assert.Throws<ArgumentException>(() => new SingleKeyClient(new ClientOptions { ApiKey = "k" }));
        Assert.Equal($"SINGLEKEY_BASE_URL is not an absolute URL: '{value}'.", ex.Message);
    }
}
