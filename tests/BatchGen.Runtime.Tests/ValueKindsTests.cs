using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Values;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Every scalar kind the generator maps (int32, float, decimal, date-time, a string format it
/// keeps as a string), in every position (required, nullable, list items, nullable list items,
/// map values, a list of lists), enum values that need escaping in C#, and lists as whole bodies:
/// read from the wire and written back to it, over a real socket where a client is involved.
/// </summary>
public sealed class ValueKindsTests : IAsyncLifetime
{
    private const string Reading = """
        {
          "count": 2147483647,
          "ratio": 0.5,
          "amount": 1234567890.123456789,
          "at": "2026-11-24T09:30:00+01:00",
          "id": "not-a-uuid-but-kept",
          "unit": "quote\"d",
          "maybeCount": -1,
          "counts": [1, -2, 3],
          "maybeCounts": [1, null, 3],
          "matrix": [[1.5, 2.25], [], [-0.125]],
          "amounts": { "a": 0.1, "b": 79228162514264337593543950335 },
          "times": ["2026-01-01T00:00:00+00:00"],
          "units": ["back\\slash", "caf\u00e9", "tab\tbed", "line\nbreak", "nul\u0000end", "cr\rlf", "tilde~", "soh\u0001", "plain", "new one"],
          "series": { "s": [1.5, null], "empty": [] },
          "extra": { "free": [1, "form"] }
        }
        """;

    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_kind_reads_as_its_CSharp_type()
    {
        var reading = JsonSerializer.Deserialize<Reading>(Reading)!;

        Assert.Equal(int.MaxValue, reading.Count);
        Assert.Equal(0.5f, reading.Ratio);
        Assert.Equal(1234567890.123456789m, reading.Amount);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1)), reading.At);
        Assert.Equal("not-a-uuid-but-kept", reading.Id);
        Assert.Equal(new Unit("quote\"d"), reading.Unit);
        Assert.Equal(-1, reading.MaybeCount);
        Assert.Equal(new[] { 1, -2, 3 }, reading.Counts);
        Assert.Equal(new int?[] { 1, null, 3 }, reading.MaybeCounts);
        Assert.Equal(new[] { new[] { 1.5f, 2.25f }, Array.Empty<float>(), new[] { -0.125f } }, reading.Matrix!.Select(row => row.ToArray()));
        Assert.Equal(new Dictionary<string, decimal> { ["a"] = 0.1m, ["b"] = decimal.MaxValue }, reading.Amounts);
        Assert.Equal(new double?[] { 1.5, null }, reading.Series!["s"]);
        Assert.Empty(reading.Series["empty"]);
        Assert.Equal(new[] { new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }, reading.Times);
        Assert.Equal("{\"free\":[1,\"form\"]}", reading.Extra!.Value.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Enum_values_that_need_escaping_in_CSharp_are_known_values()
    {
        var units = JsonSerializer.Deserialize<Reading>(Reading)!.Units!;

        // The generated switch compares against C# string literals: each escaped character must
        // have come out as itself for the value to be known.
        Assert.Equal(new[] { true, true, true, true, true, true, true, true, true, false }, units.Select(u => u.IsKnown));
        Assert.Equal(new[] { "back\\slash", "caf\u00e9", "tab\tbed", "line\nbreak", "nul\0end", "cr\rlf", "tilde~", "soh\u0001", "plain", "new one" }, units.Select(u => u.ToString()));
        Assert.True(new Unit("quote\"d").IsKnown);
    }

    [Fact]
    public void Every_kind_writes_back_what_it_read()
    {
        var reading = JsonSerializer.Deserialize<Reading>(Reading)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(reading))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Reading), written), written.ToJsonString());
    }

    [Fact]
    public async Task A_list_response_reads_and_a_list_body_is_sent_as_the_server_receives_it()
    {
        _server.Respond = request => request.Method == "GET" ? new RecordingServer.Answer(200, Body: "[" + Reading + ", " + Reading + "]") : new RecordingServer.Answer(204);
        using var client = new ValuesClient(new ClientOptions { BaseAddress = _server.Origin, MaxRetries = 0 });

        var readings = await client.ListReadingsAsync();
        await client.PutReadingsAsync(readings);

        Assert.Equal(2, readings.Count);
        Assert.All(readings, r => Assert.Equal(int.MaxValue, r.Count));
        var sent = _server.Requests[1];
        Assert.Equal(("PUT", "/readings"), (sent.Method, sent.Target));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[" + Reading + ", " + Reading + "]"), JsonNode.Parse(Encoding.UTF8.GetString(sent.Body))));
    }
}
