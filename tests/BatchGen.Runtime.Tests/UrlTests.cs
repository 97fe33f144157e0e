using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Path parameters are one escaped segment; dot segments and blanks never leave the client.</summary>
public sealed class UrlTests : ClientTestBase
{
    [Fact]
    public async Task A_path_parameter_is_escaped_as_one_segment()
    {
        using var client = NewClient();
        await Assert.ThrowsAsync<NotFoundException>(() => client.CancelBatchAsync("a/b?c#d"));
        Assert.Equal("/v1/batches/a%2Fb%3Fc%23d/cancel", Server.Requests.Single().RawTarget);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Dot_segments_and_blank_ids_are_refused_before_any_request(string id)
    {
        using var client = NewClient();
        var ex = Assert.ThrowsAny<ArgumentException>(() => { _ = client.CancelBatchAsync(id); });
        Assert.Contains("batch_id", ex.Message);
        await Task.Delay(50);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public void A_null_id_is_refused()
    {
        using var client = NewClient();
        Assert.Throws<ArgumentNullException>(() => { _ = client.CancelBatchAsync(null!); });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_base_address_keeps_its_path_with_or_without_a_trailing_slash(bool trailingSlash)
    {
        var address = new Uri(Server.BaseAddress.AbsoluteUri.TrimEnd('/') + (trailingSlash ? "/" : string.Empty));
        using var client = NewClient(o => o.BaseAddress = address);
        var id = Server.Seed();
        var batch = await client.RetrieveBatchAsync(id);
        Assert.Equal(id, batch.Id);
        Assert.Equal($"/v1/batches/{id}", Server.Requests.Single().RawTarget);
    }

    [Fact]
    public async Task Query_values_are_escaped()
    {
        using var client = NewClient();
        await Assert.ThrowsAsync<BadRequestException>(() => client.ListBatchesAsync(after: "a&b=c d"));
        Assert.Equal("/v1/batches?after=a%26b%3Dc%20d", Server.Requests.Single().RawTarget);
    }
}
