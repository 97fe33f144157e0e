using Keys;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The edges of choosing and sending credentials: what <see cref="ApiCredentials"/> refuses, what
/// a single <see cref="ClientOptions.ApiKey"/> may serve, what a refused call says is missing, and
/// token providers, against a real server on 127.0.0.1.
/// </summary>
public sealed class CredentialEdgeTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private KeysClient Client(Action<ApiCredentials> credentials)
    {
        var options = new ClientOptions { BaseAddress = new Uri(_server.Origin, "v1"), MaxRetries = 0 };
        credentials(options.Credentials);
        return new KeysClient(options);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_key_or_scheme_is_refused(string? empty)
    {
        var key = Assert.Throws<ArgumentException>(() => new ApiCredentials().SetKey("Bearer", empty!));
        Assert.Equal("key", key.ParamName);
        Assert.StartsWith("The key must not be empty.", key.Message);
        var scheme = Assert.Throws<ArgumentException>(() => new ApiCredentials().SetKey(empty!, "k"));
        Assert.Equal("scheme", scheme.ParamName);
        Assert.StartsWith("The scheme name must not be empty.", scheme.Message);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData(":leading")]
    [InlineData("trailing:")]
    [InlineData(null)]
    public void A_basic_user_name_with_a_colon_or_none_is_refused(string? userName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ApiCredentials().SetBasic("Basic", userName!, "pw"));
        Assert.Equal("userName", ex.ParamName);
        Assert.StartsWith("The user name must not be null or contain ':' (RFC 7617).", ex.Message);
    }

    [Fact]
    public void A_basic_password_may_hold_a_colon_but_not_be_null()
    {
        Assert.Contains("Basic", new ApiCredentials().SetBasic("Basic", "user", "p:w").Schemes);
        Assert.Equal("password", Assert.Throws<ArgumentNullException>(() => new ApiCredentials().SetBasic("Basic", "user", null!)).ParamName);
    }

    [Fact]
    public void Printing_names_the_schemes_in_order_and_no_secret()
    {
        Assert.Equal("ApiCredentials { }", new ApiCredentials().ToString());
        var credentials = new ApiCredentials().SetKey("Zeta", "z-secret").SetBasic("Alpha", "user", "a-secret");
        Assert.Equal("ApiCredentials { Alpha, Zeta }", credentials.ToString());
    }

    [Fact]
    public void A_key_for_a_spec_whose_only_scheme_takes_no_key_names_that_scheme()
    {
        var api = new ApiDescription(null, "ONLYBASIC", new[] { SecurityScheme.HttpBasic("B") }, Array.Empty<string[]>());
        var ex = Assert.Throws<ArgumentException>(() => new ApiPipeline(null, new ClientOptions { ApiKey = "k", BaseAddress = _server.Origin }, api));
        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith("ClientOptions.ApiKey is set, but the spec declares no scheme a key can serve (B (HttpBasic)). Set ClientOptions.Credentials, or DefaultHeaders for an API the spec does not describe.", ex.Message);
    }

    [Fact]
    public void A_key_that_could_serve_several_schemes_names_each_with_where_it_goes()
    {
        var api = new ApiDescription(null, "TWO", new[] { SecurityScheme.HttpBearer("First"), SecurityScheme.ApiKey("Second", ApiKeyLocation.Query, "api_key") }, Array.Empty<string[]>());
        var ex = Assert.Throws<ArgumentException>(() => new ApiPipeline(null, new ClientOptions { ApiKey = "k", BaseAddress = _server.Origin }, api));
        Assert.StartsWith("ClientOptions.ApiKey is set, but the spec declares several schemes it could serve: First (HttpBearer), Second (API key in query 'api_key'). Set each one with ClientOptions.Credentials.", ex.Message);
    }

    [Fact]
    public void Without_a_default_security_the_one_key_scheme_the_spec_declares_takes_the_key()
    {
        // No top-level security, one scheme that takes a key (and one that does not): unambiguous.
        var api = new ApiDescription(null, "ONE", new[] { SecurityScheme.HttpBasic("B"), SecurityScheme.HttpBearer("Token") }, Array.Empty<string[]>());
        using var pipeline = new ApiPipeline(null, new ClientOptions { ApiKey = "k", BaseAddress = _server.Origin }, api);
        Assert.Equal(_server.Origin, pipeline.BaseAddress);
    }

    [Fact]
    public async Task A_refused_call_whose_alternative_was_met_does_not_blame_missing_credentials()
    {
        _server.Respond = _ => new RecordingServer.Answer(401);
        using var client = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.QueryKey, "q1"));

        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => client.GetWithEitherAsync());

        Assert.DoesNotContain("No credential was sent", ex.Message);
    }

    [Fact]
    public async Task A_refused_call_with_no_alternative_met_lists_every_alternative()
    {
        _server.Respond = _ => new RecordingServer.Answer(401);
        using var client = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.ClientId, "id-only"));

        var either = await Assert.ThrowsAsync<AuthenticationException>(() => client.GetWithEitherAsync());
        var pair = await Assert.ThrowsAsync<AuthenticationException>(() => client.GetWithPairAsync());

        Assert.EndsWith(" No credential was sent: the operation accepts Basic or QueryKey. Set ClientOptions.ApiKey (or KEYS_API_KEY) for a single key, or ClientOptions.Credentials per scheme.", either.Message);
        Assert.Contains("the operation accepts ClientId + ClientSecret.", pair.Message);
    }

    [Fact]
    public async Task A_token_provider_is_asked_on_every_attempt_with_the_calls_token()
    {
        var calls = 0;
        CancellationToken seen = default;
        using var source = new CancellationTokenSource();
        using var client = Client(c => c.SetTokenProvider(KeysClient.SecuritySchemeNames.OAuth, token =>
        {
            seen = token;
            return new ValueTask<string>("token-" + ++calls);
        }));

        await client.GetWithOAuthAsync(source.Token);
        await client.GetWithOAuthAsync();

        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, _server.Requests.Select(r => r.Header("Authorization")));
        Assert.True(seen.CanBeCanceled); // the call's own (linked) token, so a slow provider can be cancelled
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_token_provider_that_returns_nothing_fails_the_call_and_sends_nothing(string? empty)
    {
        using var client = Client(c => c.SetTokenProvider(KeysClient.SecuritySchemeNames.OAuth, _ => new ValueTask<string>(empty!)));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetWithOAuthAsync());

        Assert.Equal("The token provider of OAuth returned no token.", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_user_and_password_given_to_a_key_scheme_fail_the_call_and_say_why()
    {
        using var client = Client(c => c.SetBasic(KeysClient.SecuritySchemeNames.Bearer, "user", "pw"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetWithBearerAsync());

        Assert.Equal("The scheme Bearer takes a key or token, not a user name and password.", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_key_given_to_a_basic_scheme_fails_the_call_and_says_why()
    {
        using var client = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.Basic, "just-a-key"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetWithBasicAsync());

        Assert.Equal("The scheme Basic is HTTP basic: set it with ApiCredentials.SetBasic.", ex.Message);
        Assert.Empty(_server.Requests);
    }
}
