using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Parameter serialization against the OpenAPI specification's own style examples (color as
/// <c>blue</c>, <c>[blue, black, brown]</c> and <c>{R: 100, G: 200, B: 150}</c>), plus escaping.
/// </summary>
public sealed class ParameterSerializerTests
{
    private static readonly string[] s_array = { "blue", "black", "brown" };
    private static readonly KeyValuePair<string, string>[] s_object = { new("R", "100"), new("G", "200"), new("B", "150") };

    [Theory]
    [InlineData(ParameterStyle.Simple, false, "blue", "blue,black,brown", "R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Simple, true, "blue", "blue,black,brown", "R=100,G=200,B=150")]
    [InlineData(ParameterStyle.Label, false, ".blue", ".blue,black,brown", ".R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Label, true, ".blue", ".blue.black.brown", ".R=100.G=200.B=150")]
    [InlineData(ParameterStyle.Matrix, false, ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150")]
    [InlineData(ParameterStyle.Matrix, true, ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150")]
    public void Path_styles_match_the_specification(ParameterStyle style, bool explode, string scalar, string array, string obj)
    {
        Assert.Equal(scalar, ParameterSerializer.Path("color", "blue", null, null, style, explode));
        Assert.Equal(array, ParameterSerializer.Path("color", null, s_array, null, style, explode));
        Assert.Equal(obj, ParameterSerializer.Path("color", null, null, s_object, style, explode));
    }

    [Theory]
    [InlineData(ParameterStyle.Simple, false, "a%2Fb,c%3Bd")]
    [InlineData(ParameterStyle.Label, true, ".a%2Fb.c%3Bd")]
    [InlineData(ParameterStyle.Matrix, true, ";k%20y=a%2Fb;k%20y=c%3Bd")]
    [InlineData(ParameterStyle.Matrix, false, ";k%20y=a%2Fb,c%3Bd")]
    public void Path_values_and_names_are_escaped_and_separators_are_not(ParameterStyle style, bool explode, string expected)
        => Assert.Equal(expected, ParameterSerializer.Path("k y", null, new[] { "a/b", "c;d" }, null, style, explode));

    [Fact]
    public void An_exploded_matrix_object_escapes_keys_and_values()
        => Assert.Equal(";a%20b=1%2F2;c=%3B", ParameterSerializer.Path("color", null, null, new KeyValuePair<string, string>[] { new("a b", "1/2"), new("c", ";") }, ParameterStyle.Matrix, explode: true));

    [Theory]
    [InlineData(ParameterStyle.Form, true, "color=blue&color=black&color=brown")]
    [InlineData(ParameterStyle.Form, false, "color=blue,black,brown")]
    [InlineData(ParameterStyle.SpaceDelimited, false, "color=blue%20black%20brown")]
    [InlineData(ParameterStyle.PipeDelimited, false, "color=blue%7Cblack%7Cbrown")]
    public void Query_arrays_match_the_specification(ParameterStyle style, bool explode, string expected)
        => Assert.Equal(expected, Query(ParameterSerializer.QueryItems("color", s_array, style, explode)));

    [Theory]
    [InlineData(ParameterStyle.Form, true, "R=100&G=200&B=150")]
    [InlineData(ParameterStyle.Form, false, "color=R,100,G,200,B,150")]
    [InlineData(ParameterStyle.SpaceDelimited, false, "color=R%20100%20G%20200%20B%20150")]
    [InlineData(ParameterStyle.PipeDelimited, false, "color=R%7C100%7CG%7C200%7CB%7C150")]
    [InlineData(ParameterStyle.DeepObject, true, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150")]
    public void Query_objects_match_the_specification(ParameterStyle style, bool explode, string expected)
        => Assert.Equal(expected, Query(ParameterSerializer.QueryObject("color", s_object, style, explode)));

    [Fact]
    public void Query_names_and_values_are_escaped()
    {
        Assert.Equal("a%26b=x%3Dy&a%26b=%20", Query(ParameterSerializer.QueryItems("a&b", new[] { "x=y", " " }, ParameterStyle.Form, explode: true)));
        Assert.Equal("f%5Bk%20y%5D=v%26w", Query(ParameterSerializer.QueryObject("f", new KeyValuePair<string, string>[] { new("k y", "v&w") }, ParameterStyle.DeepObject, explode: true)));
        Assert.Equal("k%20y=v%26w", Query(ParameterSerializer.QueryObject("f", new KeyValuePair<string, string>[] { new("k y", "v&w") }, ParameterStyle.Form, explode: true)));
    }

    [Theory]
    [InlineData(false, "R,100,G,200,B,150")]
    [InlineData(true, "R=100,G=200,B=150")]
    public void Header_objects_use_simple_style_without_escaping(bool explode, string expected)
    {
        Assert.Equal(expected, ParameterSerializer.Header(null, s_object, explode));
        Assert.Equal("a b,c/d", ParameterSerializer.Header(new[] { "a b", "c/d" }, null, explode));
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> pairs)
        => string.Join("&", pairs.Select(p => p.Key + "=" + p.Value));
}
