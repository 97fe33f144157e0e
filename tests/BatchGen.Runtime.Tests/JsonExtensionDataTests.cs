using System.Text.Json;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Unknown properties kept by a record: what they hold, how they compare and outlive their document.</summary>
public sealed class JsonExtensionDataTests
{
    private static JsonExtensionData From(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new JsonExtensionData(document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)));
    }

    [Fact]
    public void Values_outlive_the_document_they_came_from()
    {
        var data = From("""{"a":{"b":[1,2]},"c":"d"}""");

        Assert.Equal("""{"b":[1,2]}""", data["a"].GetRawText());
        Assert.Equal(new[] { "a", "c" }, data.Keys.OrderBy(k => k));
        Assert.True(data.TryGetValue("c", out var c));
        Assert.Equal("d", c.GetString());
        Assert.False(data.ContainsKey("A")); // names are case-sensitive, as JSON's are
        Assert.Equal(2, data.Values.Count());
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"b":2,"a":1}""", true)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"c":2}""", false)]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", false)]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", false)]
    [InlineData("""{"a":1}""", """{"a":1.0}""", false)]
    [InlineData("""{}""", """{}""", true)]
    public void Equal_means_the_same_names_with_the_same_json_text(string left, string right, bool equal)
    {
        var (a, b) = (From(left), From(right));

        Assert.Equal(equal, a.Equals(b));
        Assert.Equal(equal, b.Equals((object)a));
        if (equal)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void Nothing_else_is_equal_and_null_is_refused()
    {
        var data = From("""{"a":1}""");

        Assert.False(data.Equals(null));
        Assert.False(data.Equals((object)"a"));
        Assert.NotEqual(From("""{"a":1}""").GetHashCode(), From("""{"a":2}""").GetHashCode());
        Assert.Throws<ArgumentNullException>(() => new JsonExtensionData(null!));
    }

    [Fact]
    public void Written_back_as_properties_of_the_object_being_written()
    {
        var data = From("""{"x":[true,null],"y":"z"}""");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            data.WriteTo(writer);
            writer.WriteEndObject();
        }

        Assert.Equal("""{"x":[true,null],"y":"z"}""", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
    [Fact]
    public void A_map_of_any_dictionary_type_is_written_as_an_object()
    {
        var sorted = new SortedDictionary<string, int> { ["b"] = 2, ["a"] = 1 };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            JsonWrite.Map<int>(writer, new System.Collections.ObjectModel.ReadOnlyDictionary<string, int>(sorted), static (w, v) => w.WriteNumberValue(v));
        }

        Assert.Equal("""{"a":1,"b":2}""", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
