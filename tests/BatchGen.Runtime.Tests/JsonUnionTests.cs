using System.Text;
using System.Text.Json;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// How <see cref="JsonUnion"/> chooses a variant, called as generated code calls it: each variant
/// here reads its value as a labelled string, so the test sees which one was chosen and that the
/// reader ends where the value ends.
/// </summary>
public sealed class JsonUnionTests
{
    private static JsonValueReader<string> Labelled(string label) => (ref Utf8JsonReader reader) =>
    {
        var element = JsonRead.Element(ref reader);
        return $"{label}:{element.GetRawText()}";
    };

    /// <summary>A variant that reads only objects with an <c>a</c> string, failing like a generated reader otherwise.</summary>
    private static JsonValueReader<string> Strict(string label, string property) => (ref Utf8JsonReader reader) =>
    {
        var element = JsonRead.Element(ref reader);
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"{label} needs '{property}'.");
        }

        return $"{label}:{value.GetString()}";
    };

    private static string Unknown(JsonElement element) => "unknown:" + element.GetRawText();

    /// <summary>Reads <paramref name="json"/> inside an array and checks the reader ends on the array's end.</summary>
    private static string ReadInArray(string json, string? discriminator, JsonUnionVariant<string>[] variants, string? eventName = null)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[" + json + ", 7]"));
        reader.Read();
        reader.Read();
        var value = eventName is null
            ? JsonUnion.Read(ref reader, discriminator, variants, Unknown)
            : JsonUnion.ReadEvent(ref reader, eventName, discriminator, variants, Unknown);
        Assert.True(reader.Read());
        Assert.Equal(7, reader.GetInt32()); // the next element: the union read exactly its value
        return value;
    }

    [Theory]
    [InlineData("{\"kind\":\"dog\",\"x\":1}", "dog:")]
    [InlineData("{\"x\":1,\"kind\":\"cat\"}", "cat:")]
    [InlineData("{\"kind\":\"kitten\"}", "cat:")]
    public void The_discriminator_value_chooses_the_variant_wherever_it_stands(string json, string chosen)
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("dog"), discriminatorValues: new[] { "dog" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("cat"), discriminatorValues: new[] { "cat", "kitten" }),
        };

        Assert.StartsWith(chosen, ReadInArray(json, "kind", variants));
    }

    [Fact]
    public void An_unknown_discriminator_value_falls_back_to_the_shape_and_trial_reads()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Strict("dog", "bark"), discriminatorValues: new[] { "dog" }),
            new JsonUnionVariant<string>(JsonShape.Object, Strict("cat", "meow"), discriminatorValues: new[] { "cat" }),
        };

        Assert.Equal("cat:loud", ReadInArray("{\"kind\":\"lion\",\"meow\":\"loud\"}", "kind", variants));
        Assert.Equal("unknown:{\"kind\":\"lion\"}", ReadInArray("{\"kind\":\"lion\"}", "kind", variants));
    }

    [Fact]
    public void A_discriminator_that_is_not_a_string_is_no_discriminator()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Strict("one", "a"), discriminatorValues: new[] { "1" }),
            new JsonUnionVariant<string>(JsonShape.Object, Strict("two", "b"), discriminatorValues: new[] { "2" }),
        };

        Assert.Equal("two:x", ReadInArray("{\"kind\":1,\"b\":\"x\"}", "kind", variants));
    }

    [Theory]
    [InlineData("{\"type\":\"text\",\"text\":\"hi\"}", "text:")]
    [InlineData("{\"type\":\"image\",\"url\":\"u\"}", "image:")]
    [InlineData("{\"url\":\"u\"}", "image:")]
    [InlineData("{\"text\":\"hi\"}", "text:")]
    public void Fixed_values_and_required_properties_narrow_the_candidates_to_one(string json, string chosen)
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("text"), required: new[] { "text" }, fixedValues: new[] { "type", "text" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("image"), required: new[] { "url" }, fixedValues: new[] { "type", "image" }),
        };

        Assert.StartsWith(chosen, ReadInArray(json, null, variants));
    }

    [Fact]
    public void The_only_candidate_left_is_read_and_its_error_surfaces()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Strict("text", "text"), fixedValues: new[] { "type", "text" }),
            new JsonUnionVariant<string>(JsonShape.String, Labelled("plain")),
        };

        var ex = Assert.Throws<JsonException>(() =>
        {
            var reader = new Utf8JsonReader("{\"type\":\"text\",\"text\":5}"u8);
            reader.Read();
            return JsonUnion.Read(ref reader, null, variants, Unknown);
        });
        Assert.Equal("text needs 'text'.", ex.Message);
    }

    [Fact]
    public void Several_candidates_are_tried_in_spec_order_and_the_first_that_reads_wins()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Strict("first", "a")),
            new JsonUnionVariant<string>(JsonShape.Object, Strict("second", "b")),
            new JsonUnionVariant<string>(JsonShape.Object, Strict("third", "b")),
        };

        Assert.Equal("second:y", ReadInArray("{\"b\":\"y\"}", null, variants));
        Assert.Equal("first:x", ReadInArray("{\"b\":\"y\",\"a\":\"x\"}", null, variants));
        Assert.Equal("unknown:{\"c\":1}", ReadInArray("{\"c\":1}", null, variants));
    }

    [Theory]
    [InlineData("3", "int:3")]
    [InlineData("-9007199254740993", "int:-9007199254740993")]
    [InlineData("3.5", "number:3.5")]
    [InlineData("1e400", "number:1e400")]
    [InlineData("\"s\"", "string:\"s\"")]
    [InlineData("true", "bool:true")]
    [InlineData("false", "bool:false")]
    [InlineData("[1]", "array:[1]")]
    [InlineData("{}", "object:{}")]
    [InlineData("null", "unknown:null")]
    public void Each_json_kind_goes_to_the_variant_of_its_shape(string json, string expected)
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Integer, Labelled("int")),
            new JsonUnionVariant<string>(JsonShape.Number, Labelled("number")),
            new JsonUnionVariant<string>(JsonShape.String, Labelled("string")),
            new JsonUnionVariant<string>(JsonShape.Boolean, Labelled("bool")),
            new JsonUnionVariant<string>(JsonShape.Array, Labelled("array")),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("object")),
        };

        Assert.Equal(expected, ReadInArray(json, null, variants));
    }

    [Fact]
    public void An_any_variant_takes_what_no_other_shape_does()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.String, Labelled("string")),
            new JsonUnionVariant<string>(JsonShape.Any, Labelled("any")),
        };

        Assert.Equal("any:null", ReadInArray("null", null, variants));
        Assert.Equal("string:\"s\"", ReadInArray("\"s\"", null, variants));
    }

    [Theory]
    [InlineData("response.created", "created:")]
    [InlineData("response.done", "done:")]
    [InlineData("message", "created:")]
    [InlineData("other", "created:")]
    public void An_event_name_chooses_by_discriminator_or_fixed_value_when_the_data_does_not(string eventName, string chosen)
    {
        // Neither object carries "type", so only the event name can tell them apart; an unnamed
        // ("message") or unknown event falls back to trial reads in spec order.
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("created"), fixedValues: new[] { "type", "response.created" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("done"), discriminatorValues: new[] { "response.done" }),
        };

        Assert.StartsWith(chosen, ReadInArray("{\"id\":\"r\"}", "type", variants, eventName));
    }

    [Fact]
    public void The_datas_own_discriminator_wins_over_the_event_name()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("created"), discriminatorValues: new[] { "response.created" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("done"), discriminatorValues: new[] { "response.done" }),
        };

        Assert.StartsWith("done:", ReadInArray("{\"type\":\"response.done\"}", "type", variants, "response.created"));
    }

    [Theory]
    [InlineData("response.created", "created:")]
    [InlineData("response.done", "done:")]
    public void An_event_name_chooses_a_later_variant_over_spec_order(string eventName, string chosen)
    {
        // The named variants stand after one that would read anything: only the name picks them.
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("first")),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("done"), discriminatorValues: new[] { "response.done" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("created"), fixedValues: new[] { "object", "response", "type", "response.created" }),
        };

        Assert.StartsWith(chosen, ReadInArray("{\"id\":\"r\"}", "type", variants, eventName));
        Assert.StartsWith("first:", ReadInArray("{\"id\":\"r\"}", "type", variants, "response.failed"));
    }

    [Fact]
    public void An_unnamed_event_is_not_a_name_even_where_a_variant_is_called_message()
    {
        // "message" is what the SSE format calls an event without a name: it must not select a variant.
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("first")),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("message"), discriminatorValues: new[] { "message" }),
        };

        Assert.StartsWith("first:", ReadInArray("{\"id\":\"r\"}", "type", variants, "message"));
    }

    [Fact]
    public void A_fixed_value_that_differs_rules_a_variant_out()
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("a"), fixedValues: new[] { "type", "a" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("b"), fixedValues: new[] { "type", "b" }),
        };

        Assert.StartsWith("b:", ReadInArray("{\"type\":\"b\"}", null, variants));
    }

    [Theory]
    [InlineData("{\"outer\":{\"inner\":1}}", "loose:")]
    [InlineData("{\"list\":[{\"inner\":1}]}", "loose:")]
    [InlineData("{\"list\":[1],\"inner\":2}", "needs-inner:")]
    public void Only_top_level_properties_count_as_present(string json, string chosen)
    {
        var variants = new[]
        {
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("needs-inner"), required: new[] { "inner" }),
            new JsonUnionVariant<string>(JsonShape.Object, Labelled("loose")),
        };

        Assert.StartsWith(chosen, ReadInArray(json, null, variants));
    }

    [Fact]
    public void A_shape_this_runtime_does_not_know_accepts_nothing()
    {
        var variants = new[] { new JsonUnionVariant<string>((JsonShape)99, Labelled("future")) };

        Assert.Equal("unknown:{}", ReadInArray("{}", null, variants));
    }
}
