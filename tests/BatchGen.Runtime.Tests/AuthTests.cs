using System.Text;
using Keys;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Credentials as the spec's <c>securitySchemes</c> and <c>security</c> say, checked as a real server
/// on 127.0.0.1 received them: every scheme kind, requirements needing several schemes,
/// alternatives, operations that need none, and nothing sent to another origin.
/// </summary>
public sealed class AuthTests : IAsyncLifetime
{
    private RecordingServer _server = null!;
    private RecordingServer _elsewhere = null!;

    public async Task InitializeAsync()
    {
        _server = await RecordingServer.StartAsync();
        _elsewhere = await RecordingServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    private KeysClient Client(Action<ApiCredentials> credentials, Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { BaseAddress = new Uri(_server.Origin, "v1"), MaxRetries = 0 };
        credentials(options.Credentials);
        configure?.Invoke(options);
        return new KeysClient(options);
    }

    private static ApiCredentials All(ApiCredentials c) => c
        .SetKey(KeysClient.SecuritySchemeNames.Bearer, "bearer-1")
        .SetKey(KeysClient.SecuritySchemeNames.ClientId, "client-1")
        .SetKey(KeysClient.SecuritySchemeNames.ClientSecret, "secret-1")
        .SetKey(KeysClient.SecuritySchemeNames.QueryKey, "query key&1")
        .SetKey(KeysClient.SecuritySchemeNames.CookieKey, "cookie-1")
        .SetBasic(KeysClient.SecuritySchemeNames.Basic, "user", "pa:ss")
        .SetKey(KeysClient.SecuritySchemeNames.Bot, "Bot bot-1")
        .SetTokenProvider(KeysClient.SecuritySchemeNames.OAuth, _ => new ValueTask<string>("oauth-1"));

    private RecordingServer.Seen Only() => Assert.Single(_server.Requests);

    [Fact]
    public async Task Http_bearer_sends_an_authorization_header()
    {
        using var client = Client(c => All(c));
        await client.GetWithBearerAsync();
        Assert.Equal("Bearer bearer-1", Only().Header("Authorization"));
    }

    [Fact]
    public async Task A_requirement_of_two_api_keys_sends_both_headers_and_nothing_else()
    {
        using var client = Client(c => All(c));
        await client.GetWithPairAsync();
        var seen = Only();
        Assert.Equal("client-1", seen.Header("X-Client-Id"));
        Assert.Equal("secret-1", seen.Header("X-Client-Secret"));
        Assert.Null(seen.Header("Authorization"));
        Assert.Null(seen.Header("Cookie"));
        Assert.DoesNotContain("api_key", seen.Target);
    }

    [Fact]
    public async Task A_requirement_half_met_sends_neither_key_and_the_error_says_what_is_missing()
    {
        _server.Respond = _ => new RecordingServer.Answer(401);
        using var client = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.ClientId, "client-1"));
        var ex = await Assert.ThrowsAsync<AuthenticationException>(() => client.GetWithPairAsync());
        Assert.Null(Only().Header("X-Client-Id"));
        Assert.Contains("ClientId + ClientSecret", ex.Message);
        Assert.DoesNotContain("client-1", ex.ToString());
    }

    [Fact]
    public async Task An_api_key_in_the_query_is_escaped_and_joins_the_other_parameters()
    {
        using var client = Client(c => All(c));
        await client.GetWithQueryKeyAsync(q: "x");
        Assert.Equal("/v1/query?q=x&api_key=query%20key%261", Only().Target);
    }

    [Fact]
    public async Task An_api_key_in_a_cookie_is_sent_as_that_cookie()
    {
        using var client = Client(c => All(c));
        await client.GetWithCookieAsync();
        Assert.Equal("session=cookie-1", Only().Header("Cookie"));
    }

    [Fact]
    public async Task Http_basic_sends_user_and_password_in_base64()
    {
        using var client = Client(c => All(c));
        await client.GetWithBasicAsync();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss")), Only().Header("Authorization"));
    }

    [Fact]
    public async Task An_api_key_in_the_authorization_header_is_sent_as_given()
    {
        using var client = Client(c => All(c));
        await client.GetWithBotAsync();
        Assert.Equal("Bot bot-1", Only().Header("Authorization"));
    }

    [Fact]
    public async Task An_oauth2_token_comes_from_the_provider_for_every_request()
    {
        var calls = 0;
        using var client = Client(c => c.SetTokenProvider(KeysClient.SecuritySchemeNames.OAuth, _ => new ValueTask<string>("token-" + Interlocked.Increment(ref calls))));
        await client.GetWithOAuthAsync();
        await client.GetWithOAuthAsync();
        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, _server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task An_operation_with_empty_security_sends_no_credential_at_all()
    {
        using var client = Client(c => All(c));
        await client.GetPublicAsync();
        var seen = Only();
        Assert.Null(seen.Header("Authorization"));
        Assert.Null(seen.Header("X-Client-Id"));
        Assert.Null(seen.Header("Cookie"));
        Assert.Equal("/v1/public", seen.Target);
    }

    [Fact]
    public async Task Alternatives_use_the_first_one_the_options_satisfy()
    {
        using (var onlyQuery = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.QueryKey, "q1")))
        {
            await onlyQuery.GetWithEitherAsync();
        }

        using (var both = Client(c => All(c)))
        {
            await both.GetWithEitherAsync();
        }

        var (first, second) = (_server.Requests[0], _server.Requests[1]);
        Assert.Equal("/v1/either?api_key=q1", first.Target);
        Assert.Null(first.Header("Authorization"));
        Assert.StartsWith("Basic ", second.Header("Authorization"));
        Assert.Equal("/v1/either", second.Target);
    }

    [Fact]
    public async Task An_optional_requirement_goes_anonymous_without_the_credential()
    {
        using var client = Client(c => c.SetKey(KeysClient.SecuritySchemeNames.Bearer, "bearer-1"));
        await client.GetWithOptionalAuthAsync();
        Assert.Null(Only().Header("Authorization"));
    }

    [Fact]
    public async Task A_single_api_key_serves_the_one_key_scheme_of_the_default_security()
    {
        using var client = new KeysClient(new ClientOptions { ApiKey = "k1", BaseAddress = new Uri(_server.Origin, "v1") });
        await client.GetWithBearerAsync();
        await client.GetWithBotAsync(); // another scheme: the single key is not sent there
        Assert.Equal(new[] { "Bearer k1", null }, _server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public void A_single_api_key_that_could_serve_several_schemes_is_refused_naming_them()
    {
        var api = new ApiDescription(null, "TWO", new[] { SecurityScheme.HttpBearer("First"), SecurityScheme.ApiKey("Second", ApiKeyLocation.Header, "X-Key") }, Array.Empty<string[]>());
        var ex = Assert.Throws<ArgumentException>(() => new ApiPipeline(null, new ClientOptions { ApiKey = "k-secret", BaseAddress = _server.Origin }, api));
        Assert.Contains("First", ex.Message);
        Assert.Contains("Second", ex.Message);
        Assert.DoesNotContain("k-secret", ex.Message);
    }

    [Fact]
    public void A_single_api_key_for_a_spec_without_schemes_is_refused()
    {
        var api = new ApiDescription(null, "NONE", Array.Empty<SecurityScheme>(), Array.Empty<string[]>());
        var ex = Assert.Throws<ArgumentException>(() => new ApiPipeline(null, new ClientOptions { ApiKey = "k", BaseAddress = _server.Origin }, api));
        Assert.Contains("no security schemes", ex.Message);
    }

    [Fact]
    public void Credentials_for_a_scheme_the_spec_does_not_declare_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Client(c => c.SetKey("Bearr", "x")));
        Assert.Contains("'Bearr'", ex.Message);
    }

    [Fact]
    public void A_scheme_BatchGen_cannot_send_gets_no_name_constant()
    {
        var names = typeof(KeysClient.SecuritySchemeNames).GetFields().Select(f => f.Name).ToList();
        Assert.Contains("OAuth", names);
        Assert.DoesNotContain("Digest", names); // HTTP digest: reported as BG0100 at build time
    }

    [Fact]
    public async Task A_redirect_to_another_origin_carries_no_credential()
    {
        _server.Respond = r => r.Path == "/v1/bearer" ? new RecordingServer.Answer(307, new Uri(_elsewhere.Origin, "landing").AbsoluteUri) : null;
        using var client = Client(c => All(c));
        await client.GetWithBearerAsync();

        Assert.Equal("Bearer bearer-1", Only().Header("Authorization"));
        var landed = Assert.Single(_elsewhere.Requests);
        Assert.Equal("/landing", landed.Target);
        Assert.Null(landed.Header("Authorization"));
    }

    [Fact]
    public async Task A_redirect_to_another_origin_drops_query_and_header_keys_too()
    {
        _server.Respond = r => r.Path.StartsWithSegments("/v1/query") || r.Path == "/v1/pair" ? new RecordingServer.Answer(302, new Uri(_elsewhere.Origin, "landing").AbsoluteUri) : null;
        using var client = Client(c => All(c));
        await client.GetWithQueryKeyAsync();
        await client.GetWithPairAsync();

        Assert.All(_elsewhere.Requests, r =>
        {
            Assert.Equal("/landing", r.Target);
            Assert.Null(r.Header("X-Client-Id"));
            Assert.Null(r.Header("X-Client-Secret"));
        });
        Assert.Equal(2, _elsewhere.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_to_another_host_name_on_the_same_port_carries_no_credential()
    {
        // Same scheme and port, another host name for the same machine: a different origin all the same.
        var otherHost = new UriBuilder(_server.Origin) { Host = "localhost", Path = "/landing" }.Uri;
        _server.Respond = r => r.Path == "/v1/bearer" ? new RecordingServer.Answer(307, otherHost.AbsoluteUri) : null;
        using var client = Client(c => All(c));
        await client.GetWithBearerAsync();

        Assert.Equal(new[] { "/v1/bearer", "/landing" }, _server.Requests.Select(r => r.Target));
        Assert.Equal("Bearer bearer-1", _server.Requests[0].Header("Authorization"));
        Assert.Null(_server.Requests[1].Header("Authorization"));
        Assert.StartsWith("localhost:", _server.Requests[1].Header("Host"));
    }

    [Fact]
    public async Task A_redirect_within_the_origin_keeps_the_credential()
    {
        _server.Respond = r => r.Path == "/v1/bearer" ? new RecordingServer.Answer(308, "/v1/moved") : null;
        using var client = Client(c => All(c));
        await client.GetWithBearerAsync();
        Assert.Equal(new[] { "/v1/bearer", "/v1/moved" }, _server.Requests.Select(r => r.Target));
        Assert.All(_server.Requests, r => Assert.Equal("Bearer bearer-1", r.Header("Authorization")));
    }

    [Fact]
    public async Task An_operation_server_on_another_origin_gets_no_credential()
    {
        // What the generated code does for an operation with its own `servers` entry.
        var api = new ApiDescription(null, "KEYS", new[] { SecurityScheme.HttpBearer("Bearer") }, new[] { new[] { "Bearer" } });
        using var pipeline = new ApiPipeline(null, new ClientOptions { ApiKey = "bearer-1", BaseAddress = new Uri(_server.Origin, "v1") }, api);

        await pipeline.SendAsync(new ApiRequest("GET", "elsewhere") { Server = _elsewhere.Origin.AbsoluteUri }.AppendPath("/files"), CancellationToken.None);
        await pipeline.SendAsync(new ApiRequest("GET", "here").AppendPath("/files"), CancellationToken.None);

        Assert.Null(Assert.Single(_elsewhere.Requests).Header("Authorization"));
        Assert.Equal("/files", _elsewhere.Requests[0].Target);
        Assert.Equal("Bearer bearer-1", Only().Header("Authorization"));
    }

    [Fact]
    public async Task Default_headers_cannot_smuggle_a_credential_past_the_origin_check()
    {
        _server.Respond = r => r.Path == "/v1/public" ? new RecordingServer.Answer(307, new Uri(_elsewhere.Origin, "landing").AbsoluteUri) : null;
        using var client = Client(c => { }, o => { o.DefaultHeaders["Authorization"] = "Bearer smuggled"; o.DefaultHeaders["X-Trace"] = "t1"; });
        await client.GetPublicAsync();
        Assert.Null(Only().Header("Authorization"));
        Assert.Equal("t1", Only().Header("X-Trace"));
    }

    [Fact]
    public void Nothing_secret_appears_when_options_or_credentials_are_printed()
    {
        var options = new ClientOptions { ApiKey = "sk-secret-1" };
        All(options.Credentials);
        var text = options.ToString() + options.Credentials;
        Assert.DoesNotContain("sk-secret-1", text);
        Assert.DoesNotContain("bearer-1", text);
        Assert.DoesNotContain("pa:ss", text);
        Assert.Contains("Basic", text);
    }
}
