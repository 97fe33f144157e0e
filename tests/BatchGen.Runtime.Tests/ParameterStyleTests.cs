using Styles;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// OpenAPI's parameter serialization, as a real server received it: every style and explode for
/// arrays, objects and maps in the query, the path and headers (the spec's own examples table).
/// </summary>
public sealed class ParameterStyleTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private StylesClient Client() => new(new ClientOptions { BaseAddress = _server.Origin, MaxRetries = 0 });

    private static readonly Filter AdminFilter = new() { Role = "admin", Level = 2, Note = "a b" };

    [Fact]
    public async Task Query_arrays_in_every_style()
    {
        using var client = Client();
        await client.QueryStylesAsync(tags: new[] { "a", "b c" }, ids: new long[] { 3, 4 }, spaced: new[] { "x", "y" }, piped: new[] { "x", "y" });
        Assert.Equal("/query?tags=a&tags=b%20c&ids=3,4&spaced=x%20y&piped=x%7Cy", Assert.Single(_server.Requests).Target);
    }

    [Fact]
    public async Task Query_objects_and_maps_in_every_style()
    {
        using var client = Client();
        await client.QueryStylesAsync(
            filter: AdminFilter,
            metadata: new Dictionary<string, string> { ["k"] = "v" },
            point: new Point { X = 1, Y = 2 },
            corner: new Point { X = 5, Y = 6 });
        Assert.Equal("/query?filter%5Brole%5D=admin&filter%5Blevel%5D=2&filter%5Bnote%5D=a%20b&metadata%5Bk%5D=v&x=1&y=2&corner=x,5,y,6", Assert.Single(_server.Requests).Target);
    }

    [Fact]
    public async Task Query_scalars_are_formatted_as_the_spec_declares_them()
    {
        using var client = Client();
        await client.QueryStylesAsync(since: DateTimeOffset.FromUnixTimeSeconds(1711471533), flag: true);
        Assert.Equal("/query?since=1711471533&flag=true", Assert.Single(_server.Requests).Target);
    }

    [Fact]
    public async Task Path_parameters_in_simple_label_and_matrix_style()
    {
        using var client = Client();
        await client.PathStylesAsync(new long[] { 3, 4 }, new long[] { 3, 4 }, new long[] { 3, 4 }, new long[] { 3, 4 }, new long[] { 3, 4 }, AdminFilter, "v/1");
        Assert.Equal("/path/3,4/.3,4/;matrix=3,4/.3.4/;matrixx=3;matrixx=4/role=admin,level=2,note=a%20b/;one=v%2F1", Assert.Single(_server.Requests).Target);
    }

    [Fact]
    public async Task An_empty_array_in_the_path_is_refused_before_sending()
    {
        using var client = Client();
        await Assert.ThrowsAsync<ArgumentException>(() => client.PathStylesAsync(Array.Empty<long>(), new long[] { 1 }, new long[] { 1 }, new long[] { 1 }, new long[] { 1 }, AdminFilter, "x"));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Header_arrays_and_objects_in_simple_style()
    {
        using var client = Client();
        await client.HeaderStylesAsync(xIds: new long[] { 3, 4 }, xFilter: AdminFilter, xPlain: AdminFilter);
        var seen = Assert.Single(_server.Requests);
        Assert.Equal("3,4", seen.Header("X-Ids"));
        Assert.Equal("role=admin,level=2,note=a b", seen.Header("X-Filter"));
        Assert.Equal("role,admin,level,2,note,a b", seen.Header("X-Plain"));
    }

    [Fact]
    public async Task Accept_and_content_type_come_from_the_operations_media_types()
    {
        using var client = Client();
        await client.CreateSpeechAsync(new Point { X = 1, Y = 2 });
        var seen = Assert.Single(_server.Requests);
        Assert.Equal("audio/mpeg, audio/wav", seen.Header("Accept"));
        Assert.Equal("application/merge-patch+json", seen.Header("Content-Type"));
    }

    [Fact]
    public async Task A_json_operation_asks_for_json()
    {
        using var client = Client();
        await client.QueryStylesAsync();
        Assert.Equal("application/json", Assert.Single(_server.Requests).Header("Accept"));
    }
}
