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
    [InlineData("getHTTPResponse", "GetHTTPResponse")]
    [InlineData("get_HTTP_response", "GetHTTPResponse")]
    [InlineData("v2Beta", "V2Beta")]
    [InlineData("gpt4o", "Gpt4o")]
    [InlineData("fileIDs", "FileIDs")]
    [InlineData("café_au_lait", "CaféAuLait")]
    [InlineData("x\u0663y", "Xy")]
    [InlineData("\u0663\u0664", "Value")]
    [InlineData("a", "A")]
    [InlineData("aB", "AB")]
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
    [InlineData("getHTTPResponse", "getHTTPResponse")]
    [InlineData("v2Beta", "v2Beta")]
    [InlineData("Ab", "ab")]
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

    [Fact]
    public void A_group_is_numbered_until_the_stem_and_every_derived_name_are_free()
    {
        static IEnumerable<string> Derived(string stem) => new[] { stem + "Async", stem + "WithResponseAsync" };
        var scope = new NameScope(new[] { "CancelBatchWithResponseAsync", "List2Async" });

        Assert.Equal("CancelBatch2", scope.ClaimGroup("CancelBatch", Derived)); // a derived name was taken
        Assert.Equal("CancelBatch3", scope.ClaimGroup("CancelBatch", Derived)); // now the stem 2 is too
        Assert.Equal("Cancel2Async", scope.Claim("Cancel2Async"));
        Assert.Equal("Cancel", scope.ClaimGroup("Cancel", Derived)); // first numbering free: the stem as given
        Assert.Equal("Cancel3", scope.ClaimGroup("Cancel", Derived)); // Cancel taken, Cancel2's Async taken
        Assert.Equal("@event", scope.ClaimGroup("@event", Derived)); // an escaped stem comes back escaped
        Assert.Equal("event2", scope.ClaimGroup("@event", Derived));
        Assert.Equal("List", scope.ClaimGroup("List", Derived));
        Assert.Equal("List3", scope.ClaimGroup("List", Derived)); // List2Async was reserved
    }

    [Fact]
    public void A_derived_name_numbers_its_stem_not_its_end()
    {
        var scope = new NameScope(new[] { "ListBatchesAutoPagingAsync" });
        Assert.Equal("ListBatches2AutoPagingAsync", scope.ClaimDerived("ListBatches", s => s + "AutoPagingAsync"));
        Assert.Equal("ListBatches3AutoPagingAsync", scope.ClaimDerived("ListBatches", s => s + "AutoPagingAsync"));
        Assert.Equal("FilesAutoPagingAsync", scope.ClaimDerived("Files", s => s + "AutoPagingAsync"));
    }
}
