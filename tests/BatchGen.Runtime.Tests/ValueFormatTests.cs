using System.Globalization;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Scalars as generated code puts them in paths, queries, headers and form fields
/// (<see cref="ApiRequest.Format{T}"/>): as JSON would write them, whatever the thread's culture.
/// </summary>
public sealed class ValueFormatTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<object?, string?> Values => new()
    {
        { null, null },
        { "as is", "as is" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { -7L, "-7" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 1.5f, "1.5" },
        { 1234.5m, "1234.5" },
        { new DateTimeOffset(2026, 11, 23, 19, 5, 0, TimeSpan.FromHours(1)), "2026-11-23T19:05:00.0000000+01:00" },
        { new DateTime(2026, 11, 23, 19, 5, 0, DateTimeKind.Utc), "2026-11-23T19:05:00.0000000Z" },
        { Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "0f8fad5b-d9cb-469f-a165-70867728950e" },
        { new byte[] { 0, 1, 254, 255 }, "AAH+/w==" },
        { new Uri("https://example.com/a%2Fb?q=%26"), "https://example.com/a%2Fb?q=%26" },
        { new Uri("relative/a%20b", UriKind.Relative), "relative/a%20b" },
        { new Uri("HTTPS://Example.COM/a b"), "https://example.com/a%20b" }, // absolute: the canonical, escaped form, not the text given
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Each_kind_is_written_as_json_would_write_it(object? value, string? expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a decimal comma
        try
        {
            Assert.Equal(expected, ApiRequest.Format(value));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Items_are_formatted_one_by_one_and_null_stays_null()
    {
        Assert.Equal(new[] { "1.5", "true", string.Empty }, ApiRequest.FormatItems(new object?[] { 1.5, true, null }));
        Assert.Null(ApiRequest.FormatItems<int>(null));
    }

    [Fact]
    public async Task A_uri_in_the_query_reaches_the_server_with_its_escapes()
    {
        using var pipeline = PlainPipeline.To(_server.Origin);

        await pipeline.SendAsync(new ApiRequest("GET", "lookup").AppendPath("/lookup").AddQuery("url", ApiRequest.Format(new Uri("https://example.com/a%2Fb"))), CancellationToken.None);

        Assert.Equal("/lookup?url=https%3A%2F%2Fexample.com%2Fa%252Fb", Assert.Single(_server.Requests).Target);
    }
}
