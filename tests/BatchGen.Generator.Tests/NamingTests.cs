using BatchGen.Generator.Modeling;
using Xunit;

namespace BatchGen.Generator.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("input_file_id", "InputFileId")]
    [InlineData("in_progress", "InProgress")]
    [InlineData("createBatch", "CreateBatch")]
    [InlineData("api_key.created", "ApiKeyCreated")]
    [InlineData("/v1/chat/completions", "V1ChatCompletions")]
    [InlineData("24h", "_24h")]
    [InlineData("[DONE]", "Done")]
    [InlineData("babbage-002", "Babbage002")]
    [InlineData("audio/pcm", "AudioPcm")]
    [InlineData("OpenAI", "OpenAI")]
    [InlineData("HTTPError", "HTTPError")]
    [InlineData("ALL_CAPS", "AllCaps")]
    [InlineData("", "Value")]
    [InlineData("---", "Value")]
    public void PascalCase(string input, string expected)
        => Assert.Equal(expected, Naming.ToPascalCase(input));

    [Theory]
    [InlineData("batch_id", "batchId")]
    [InlineData("object", "@object")]
    [InlineData("event", "@event")]
    [InlineData("namespace", "@namespace")]
    [InlineData("ID", "id")]
    [InlineData("URLPath", "urlPath")]
    public void CamelCase(string input, string expected)
        => Assert.Equal(expected, Naming.ToCamelCase(input));

    [Fact]
    public void Collisions_get_stable_numeric_suffixes()
    {
        var scope = new NameScope(new[] { "Batch" });
        Assert.Equal("Batch2", scope.Claim("Batch"));
        Assert.Equal("Batch3", scope.Claim("Batch"));
        Assert.Equal("batch", scope.Claim("batch"));
    }
}
