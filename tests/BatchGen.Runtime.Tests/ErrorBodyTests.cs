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
}
