using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Error bodies are read up to a cap, and the cap bounds the reading itself.</summary>
public sealed class ErrorBodyTests : ClientTestBase
{
    [Fact]
    public async Task An_endless_error_body_is_read_only_up_to_the_cap()
    {
        // A proxy page that never ends: were the cap applied after reading the whole body, this
        // call would run into its timeout and fail as ApiTimeoutException instead.
        Server.Inject(new Fault { Status = 503, Body = "<html>busy", ContentType = "text/html", StreamedFillerBytes = long.MaxValue });
        using var client = NewClient(o => { o.MaxRetries = 0; o.Timeout = TimeSpan.FromMinutes(2); });

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal(64 * 1024, error.ResponseBody!.Length);
        Assert.StartsWith("<html>busy", error.ResponseBody);
        Assert.Contains("HTTP 503", error.Message);
    }

    [Fact]
    public async Task A_character_cut_by_the_cap_is_dropped_not_garbled()
    {
        var body = "x" + new string('é', 40_000); // 1 + 80,000 bytes: the cap falls inside an 'é'
        Server.Inject(new Fault { Status = 500, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal("x" + new string('é', 32_767), error.ResponseBody);
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_kept_whole()
    {
        var body = new string('a', 64 * 1024);
        Server.Inject(new Fault { Status = 500, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal(body, error.ResponseBody);
    }
    [Theory]
    // OpenAI's shape: everything inside "error".
    [InlineData("{\"error\":{\"message\":\"No such batch\",\"type\":\"invalid_request_error\",\"code\":\"not_found\",\"param\":\"batch_id\"}}", "No such batch", "invalid_request_error", "not_found", "batch_id")]
    // A message at the top level when the error object has none; the error object still gives the rest.
    [InlineData("{\"message\":\"top\",\"error\":{\"type\":\"t\"}}", "top", "t", null, null)]
    // RFC 7807 problem details: detail before title.
    [InlineData("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"detail\":\"name is required\"}", "name is required", "about:blank", null, null)]
    [InlineData("{\"title\":\"Bad Request\"}", "Bad Request", null, null, null)]
    // OAuth: "error" is a string code, the text is error_description.
    [InlineData("{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}", "invalid_grant", null, null, null)]
    [InlineData("{\"error_description\":\"expired\"}", "expired", null, null, null)]
    // A number or an object is kept as its JSON text; null is no value.
    [InlineData("{\"error\":{\"message\":\"m\",\"code\":429,\"param\":null,\"type\":{\"k\":1}}}", "m", "{\"k\":1}", "429", null)]
    public async Task Error_fields_are_found_where_common_error_shapes_keep_them(string body, string message, string? type, string? code, string? param)
    {
        Server.Inject(new Fault { Status = 400, Body = body });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal(message, error.Message);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(param, error.ErrorParam);
        Assert.Equal(body, error.ResponseBody);
    }

    [Theory]
    [InlineData("[1,2]", "HTTP 400 Bad Request: [1,2]")]
    [InlineData("\"just a string\"", "HTTP 400 Bad Request: \"just a string\"")]
    [InlineData("{\"error\":{\"message\":\"  \"}}", "HTTP 400 Bad Request: {\"error\":{\"message\":\" \"}}")]
    [InlineData("<html>\n  <b>Bad   gateway</b>\n</html>", "HTTP 400 Bad Request: <html> <b>Bad gateway</b> </html>")]
    [InlineData("", "HTTP 400 Bad Request with an empty body.")]
    [InlineData("   \n ", "HTTP 400 Bad Request with an empty body.")]
    public async Task A_body_without_a_message_is_described_by_status_and_collapsed_text(string body, string expected)
    {
        Server.Inject(new Fault { Status = 400, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal(expected, error.Message);
        Assert.Null(error.ErrorType);
    }

    [Fact]
    public async Task A_long_body_is_cut_to_200_characters_in_the_message_and_kept_whole_in_ResponseBody()
    {
        var body = new string('a', 150) + "   " + new string('b', 150);
        Server.Inject(new Fault { Status = 502, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal("HTTP 502 Bad Gateway: " + new string('a', 150) + " " + new string('b', 49) + "…", error.Message);
        Assert.Equal(body, error.ResponseBody);
    }

    [Fact]
    public async Task A_body_of_exactly_200_characters_is_shown_whole()
    {
        var body = new string('c', 200);
        Server.Inject(new Fault { Status = 502, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal("HTTP 502 Bad Gateway: " + body, error.Message);
    }

    [Theory]
    [InlineData("é", 2, 1)] // two-byte characters; the cap falls after a lead byte
    [InlineData("é", 2, 2)] // … or between two characters
    [InlineData("€", 3, 1)] // three-byte characters, the cap between two
    [InlineData("€", 3, 2)] // … after a lead byte and one continuation byte
    [InlineData("€", 3, 3)] // … after a lead byte
    [InlineData("😀", 4, 1)] // four-byte characters (a surrogate pair in .NET), after three of four bytes
    [InlineData("😀", 4, 2)]
    [InlineData("😀", 4, 3)]
    [InlineData("😀", 4, 4)] // … between two
    public async Task No_character_is_cut_in_half_by_the_cap_whatever_its_width(string character, int width, int asciiPrefix)
    {
        // ASCII bytes, then characters of the given width: the prefix moves where the cap falls.
        var count = 70_000 / width;
        var prefix = new string('x', asciiPrefix);
        var body = prefix + string.Concat(System.Linq.Enumerable.Repeat(character, count));
        Server.Inject(new Fault { Status = 500, Body = body, ContentType = "text/plain" });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.RetrieveBatchAsync("batch_1"));

        var whole = (64 * 1024 - asciiPrefix) / width;
        Assert.Equal(prefix + string.Concat(System.Linq.Enumerable.Repeat(character, whole)), error.ResponseBody);
    }

    [Theory]
    // The error object's message before a top-level one.
    [InlineData("{\"message\":\"top\",\"error\":{\"message\":\"inner\"}}", "inner")]
    // A top-level message before RFC 7807's detail, detail before an OAuth string error.
    [InlineData("{\"detail\":\"d\",\"message\":\"m\"}", "m")]
    [InlineData("{\"error\":\"invalid_grant\",\"detail\":\"d\"}", "d")]
    // OAuth's error_description before a title.
    [InlineData("{\"title\":\"T\",\"error_description\":\"E\"}", "E")]
    public async Task Where_several_shapes_give_a_message_the_more_specific_one_wins(string body, string message)
    {
        Server.Inject(new Fault { Status = 400, Body = body });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task An_error_object_without_a_message_gives_the_status_and_body_not_a_crash()
    {
        const string body = "{\"error\":{\"type\":\"t\"}}";
        Server.Inject(new Fault { Status = 400, Body = body });
        using var client = NewClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<BadRequestException>(() => client.RetrieveBatchAsync("batch_1"));

        Assert.Equal("HTTP 400 Bad Request: " + body, error.Message);
        Assert.Equal("t", error.ErrorType);
    }
}
