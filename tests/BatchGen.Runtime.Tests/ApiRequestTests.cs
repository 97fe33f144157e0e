using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// <see cref="ApiRequest"/> as generated code builds it, sent through a pipeline to Kestrel: how
/// the path joins the base address, which headers leave, and the messages of the path checks.
/// </summary>
public sealed class ApiRequestTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<RecordingServer.Seen> SendAsync(ApiRequest request, Uri? baseAddress = null)
    {
        using var pipeline = PlainPipeline.To(baseAddress ?? _server.Origin);
        await pipeline.SendAsync(request, CancellationToken.None);
        return Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("/items", "/api/items")]
    [InlineData("items", "/api/items")]
    [InlineData("", "/api")]
    public async Task The_path_joins_the_base_address_with_exactly_one_slash(string path, string expected)
    {
        var seen = await SendAsync(new ApiRequest("GET", "op").AppendPath(path), new Uri(_server.Origin, "/api/"));

        Assert.Equal(expected, seen.Target);
    }

    [Fact]
    public async Task Null_array_and_object_headers_are_left_out_and_present_ones_are_sent()
    {
        var seen = await SendAsync(new ApiRequest("GET", "op").AppendPath("/h")
            .AddHeaderItems("X-None-Items", null, explode: false)
            .AddHeaderObject("X-None-Object", null, explode: false)
            .AddHeaderItems("X-Items", new[] { "3", "4" }, explode: false)
            .AddHeaderObject("X-Object", new[] { new KeyValuePair<string, string>("role", "admin") }, explode: true));

        Assert.Null(seen.Header("X-None-Items"));
        Assert.Null(seen.Header("X-None-Object"));
        Assert.Equal("3,4", seen.Header("X-Items"));
        Assert.Equal("role=admin", seen.Header("X-Object"));
    }

    [Fact]
    public void Each_refused_path_value_says_which_parameter_and_why()
    {
        var request = new ApiRequest("GET", "op");

        var missing = Assert.Throws<ArgumentNullException>(() => request.AppendPathParameter("batch_id", null!));
        Assert.Equal("batch_id", missing.ParamName);
        Assert.StartsWith("The path parameter 'batch_id' is required.", missing.Message);

        var blank = Assert.Throws<ArgumentException>(() => request.AppendPathParameter("batch_id", " "));
        Assert.Equal("batch_id", blank.ParamName);
        Assert.StartsWith("The path parameter 'batch_id' must not be empty or blank.", blank.Message);

        var dots = Assert.Throws<ArgumentException>(() => request.AppendPathParameter("batch_id", ".."));
        Assert.StartsWith("The path parameter 'batch_id' must not be '..': it would address a different resource.", dots.Message);

        var styled = Assert.Throws<ArgumentException>(() => request.AppendPathParameter("id", ".", ParameterStyle.Label, explode: false));
        Assert.StartsWith("The path parameter 'id' must not be '.'", styled.Message);

        foreach (var items in new[] { null, Array.Empty<string>() })
        {
            var ex = Assert.Throws<ArgumentException>(() => request.AppendPathItems("ids", items!, ParameterStyle.Simple, explode: false));
            Assert.Equal("ids", ex.ParamName);
            Assert.StartsWith("The path parameter 'ids' must have at least one item.", ex.Message);
        }

        foreach (var pairs in new[] { null, Array.Empty<KeyValuePair<string, string>>() })
        {
            var ex = Assert.Throws<ArgumentException>(() => request.AppendPathObject("filter", pairs!, ParameterStyle.Simple, explode: false));
            Assert.Equal("filter", ex.ParamName);
            Assert.StartsWith("The path parameter 'filter' must have at least one property.", ex.Message);
        }
    }

    [Fact]
    public async Task A_styled_path_value_is_checked_before_it_is_written()
    {
        Assert.Throws<ArgumentException>(() => new ApiRequest("GET", "op").AppendPathParameter("id", "  ", ParameterStyle.Matrix, explode: false));

        var seen = await SendAsync(new ApiRequest("GET", "op").AppendPath("/u/").AppendPathParameter("id", "a b", ParameterStyle.Matrix, explode: false));
        Assert.Equal("/u/;id=a%20b", seen.Target);
    }
}
