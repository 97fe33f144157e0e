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

    /// <summary>Every reserved C# keyword, as Roslyn itself lists them (not a copy of ours).</summary>
    public static TheoryData<string> ReservedKeywords()
    {
        var data = new TheoryData<string>();
        foreach (var kind in Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetReservedKeywordKinds())
        {
            var text = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetText(kind);
            if (text.All(char.IsLetter)) // __arglist and the like lose their underscores anyway
            {
                data.Add(text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReservedKeywords))]
    public void Every_reserved_keyword_is_escaped_as_a_parameter_name(string keyword)
    {
        Assert.Equal("@" + keyword, Naming.ToCamelCase(keyword));
        Assert.Equal("@" + keyword, Naming.EscapeKeyword(keyword));
        Assert.Equal(char.ToUpperInvariant(keyword[0]) + keyword.Substring(1), Naming.ToPascalCase(keyword)); // no PascalCase keyword exists
    }

    [Theory]
    [InlineData("value")]
    [InlineData("var")]
    [InlineData("record")]
    [InlineData("async")]
    public void Contextual_keywords_stay_as_they_are(string word)
        => Assert.Equal(word, Naming.EscapeKeyword(word));

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
