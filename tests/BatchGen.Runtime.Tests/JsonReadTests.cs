using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// Each reader the generated converters call, on the value it takes and on every other kind of
/// token: the value comes back exact, anything else is a JsonException that says what was
/// expected and what was found.
/// </summary>
public sealed class JsonReadTests
{
    private delegate T Read<T>(ref Utf8JsonReader reader);

    private static T ReadOne<T>(string json, Read<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return read(ref reader);
    }

    private static string Failure<T>(string json, Read<T> read)
        => Assert.Throws<JsonException>(() => ReadOne(json, read)).Message;

    [Fact]
    public void Numbers_are_read_exactly_at_their_limits()
    {
        Assert.Equal(int.MaxValue, ReadOne("2147483647", JsonRead.Int32));
        Assert.Equal(int.MinValue, ReadOne("-2147483648", JsonRead.Int32));
        Assert.Equal(long.MaxValue, ReadOne("9223372036854775807", JsonRead.Int64));
        Assert.Equal(1.5f, ReadOne("1.5", JsonRead.Single));
        Assert.Equal(0.1, ReadOne("0.1", JsonRead.Double));
        Assert.Equal(0.1m, ReadOne("0.1", JsonRead.Decimal));
        Assert.Equal(79228162514264337593543950335m, ReadOne("79228162514264337593543950335", JsonRead.Decimal));
    }

    [Theory]
    [InlineData("2147483648", "Expected a 32-bit integer but found the number 2147483648.")]
    [InlineData("1.5", "Expected a 32-bit integer but found the number 1.5.")]
    [InlineData("\"1\"", "Expected a 32-bit integer but found a string.")]
    [InlineData("null", "Expected a 32-bit integer but found null.")]
    [InlineData("true", "Expected a 32-bit integer but found a boolean.")]
    [InlineData("{}", "Expected a 32-bit integer but found an object.")]
    [InlineData("[]", "Expected a 32-bit integer but found an array.")]
    public void A_32_bit_integer_refuses_anything_else(string json, string message)
        => Assert.Equal(message, Failure(json, JsonRead.Int32));

    [Fact]
    public void Other_numbers_refuse_what_they_cannot_hold()
    {
        Assert.Equal("Expected an integer but found the number 9223372036854775808.", Failure("9223372036854775808", JsonRead.Int64));
        Assert.Equal("Expected an integer but found a string.", Failure("\"1\"", JsonRead.Int64));
        Assert.Equal("Expected a number but found a string.", Failure("\"1\"", JsonRead.Single));
        Assert.Equal("Expected a number but found a boolean.", Failure("false", JsonRead.Double));
        Assert.Equal("Expected a decimal number but found the number 1e400.", Failure("1e400", JsonRead.Decimal));
        Assert.Equal("Expected a decimal number but found null.", Failure("null", JsonRead.Decimal));
    }

    [Fact]
    public void A_number_of_forty_characters_is_shown_whole()
    {
        var digits = new string('9', 40);
        var ex = Assert.Throws<JsonException>(() => ReadOne(digits, JsonRead.Int32));
        Assert.Equal($"Expected a 32-bit integer but found the number {digits}.", ex.Message);
        Assert.Equal("$", ex.Path);
    }

    [Fact]
    public void A_long_number_is_shortened_in_the_message()
    {
        var digits = new string('9', 60);
        Assert.Equal($"Expected a 32-bit integer but found the number {digits.Substring(0, 40)}….", Failure(digits, JsonRead.Int32));
    }

    [Fact]
    public void Booleans_and_strings()
    {
        Assert.True(ReadOne("true", JsonRead.Boolean));
        Assert.False(ReadOne("false", JsonRead.Boolean));
        Assert.Equal("Expected true or false but found the number 1.", Failure("1", JsonRead.Boolean));
        Assert.Equal("Expected true or false but found a string.", Failure("\"true\"", JsonRead.Boolean));
        Assert.Equal("a\"b", ReadOne("\"a\\\"b\"", JsonRead.String));
        Assert.Equal(string.Empty, ReadOne("\"\"", JsonRead.String));
        Assert.Equal("Expected a string but found the number 1.", Failure("1", JsonRead.String));
        Assert.Equal("Expected a string but found null.", Failure("null", JsonRead.String));
    }

    [Fact]
    public void A_constant_is_the_given_instance_when_the_JSON_holds_it_and_any_other_string_as_sent()
    {
        var batch = new string("batch".ToCharArray()); // not the interned literal, so Same proves it was handed back
        Assert.Same(batch, ReadOne("\"batch\"", (ref Utf8JsonReader r) => JsonRead.Constant(ref r, batch)));
        Assert.Same(batch, ReadOne("\"b\\u0061tch\"", (ref Utf8JsonReader r) => JsonRead.Constant(ref r, batch)));
        foreach (var other in new[] { "batc", "batchx", "Batch", "" })
        {
            var read = ReadOne($"\"{other}\"", (ref Utf8JsonReader r) => JsonRead.Constant(ref r, batch));
            Assert.Equal(other, read);
        }

        Assert.Equal("Expected a string but found the number 1.", Failure("1", (ref Utf8JsonReader r) => JsonRead.Constant(ref r, batch)));
        Assert.Equal("Expected a string but found null.", Failure("null", (ref Utf8JsonReader r) => JsonRead.Constant(ref r, batch)));
    }

    [Fact]
    public void Unix_times_cover_the_whole_range_of_DateTimeOffset_and_nothing_past_it()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711471533), ReadOne("1711471533", JsonRead.UnixTime));
        Assert.Equal(DateTimeOffset.MinValue.AddTicks(-DateTimeOffset.MinValue.Ticks % TimeSpan.TicksPerSecond), ReadOne("-62135596800", JsonRead.UnixTime));
        Assert.Equal(253402300799L, ReadOne("253402300799", JsonRead.UnixTime).ToUnixTimeSeconds());
        Assert.Equal("Expected a Unix time in whole seconds but found the number -62135596801.", Failure("-62135596801", JsonRead.UnixTime));
        Assert.Equal("Expected a Unix time in whole seconds but found the number 253402300800.", Failure("253402300800", JsonRead.UnixTime));
        Assert.Equal("Expected a Unix time in whole seconds but found the number 1.5.", Failure("1.5", JsonRead.UnixTime));
        Assert.Equal("Expected a Unix time in whole seconds but found a string.", Failure("\"1711471533\"", JsonRead.UnixTime));
    }

    [Fact]
    public void Date_time_strings()
    {
        Assert.Equal(new DateTimeOffset(2024, 3, 26, 16, 45, 33, TimeSpan.FromHours(2)), ReadOne("\"2024-03-26T16:45:33+02:00\"", JsonRead.DateTime));
        Assert.Equal("Expected an ISO 8601 date-time string but found a string.", Failure("\"26/03/2024\"", JsonRead.DateTime));
        Assert.Equal("Expected an ISO 8601 date-time string but found the number 1.", Failure("1", JsonRead.DateTime));
    }

    [Fact]
    public void A_file_read_from_JSON_holds_the_string_as_its_content()
    {
        var file = ReadOne("\"hello\"", JsonRead.File);
        Assert.Equal("file", file.FileName);
        Assert.Equal("application/octet-stream", file.ContentType);
    }

    [Fact]
    public void An_element_outlives_its_document_and_the_reader_ends_on_its_last_token()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[{\"a\":[1,2]},3]"));
        reader.Read();
        reader.Read();
        var element = JsonRead.Element(ref reader);
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.Equal("{\"a\":[1,2]}", element.GetRawText());
        reader.Read();
        Assert.Equal(3, JsonRead.Int32(ref reader));
    }

    [Fact]
    public void Lists_and_maps_read_every_item_and_name_the_bad_one()
    {
        Assert.Equal(new[] { 1, 2, 3 }, ReadOne("[1,2,3]", (ref Utf8JsonReader r) => JsonRead.List(ref r, JsonRead.Int32)));
        Assert.Empty(ReadOne("[]", (ref Utf8JsonReader r) => JsonRead.List(ref r, JsonRead.Int32)));
        var list = Assert.Throws<JsonException>(() => ReadOne("[1,\"x\"]", (ref Utf8JsonReader r) => JsonRead.List(ref r, JsonRead.Int32)));
        Assert.Equal("Expected a 32-bit integer but found a string. Path: $[1].", list.Message);
        Assert.Equal("$[1]", list.Path);
        Assert.Equal("Expected a JSON array but found an object.", Failure("{}", (ref Utf8JsonReader r) => JsonRead.List(ref r, JsonRead.Int32)));

        var map = ReadOne("{\"a\":1,\"b\":2}", (ref Utf8JsonReader r) => JsonRead.Map(ref r, JsonRead.Int32));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, map);
        var bad = Assert.Throws<JsonException>(() => ReadOne("{\"it's\":true}", (ref Utf8JsonReader r) => JsonRead.Map(ref r, JsonRead.Int32)));
        Assert.Equal("$['it\\'s']", bad.Path);
        Assert.Equal("Expected a JSON object but found an array.", Failure("[]", (ref Utf8JsonReader r) => JsonRead.Map(ref r, JsonRead.Int32)));
    }

    [Fact]
    public void Paths_nest_outward_and_keep_the_first_reason()
    {
        var json = "{\"x\":[{\"k\":\"v\"}]}";
        var ex = Assert.Throws<JsonException>(() => ReadOne(json, (ref Utf8JsonReader r) =>
        {
            JsonRead.StartObject(ref r, "Outer");
            r.Read();
            r.Read();
            try
            {
                return JsonRead.List(ref r, (ref Utf8JsonReader item) => JsonRead.Map(ref item, JsonRead.Int32));
            }
            catch (JsonException inner)
            {
                throw JsonRead.AtProperty(inner, "Outer", "x");
            }
        }));
        Assert.Equal("$.x[0]['k']", ex.Path);
        Assert.Equal("Expected a 32-bit integer but found a string. Path: $.x[0]['k'].", ex.Message);
        Assert.Equal("$['a-b']", JsonRead.AtProperty(JsonRead.MissingProperty("T", "id"), "T", "a-b").Path);
        Assert.Equal("$['']", JsonRead.AtProperty(JsonRead.MissingProperty("T", "id"), "T", "").Path);
        Assert.Equal("$['it\\'s']", JsonRead.AtProperty(JsonRead.MissingProperty("T", "id"), "T", "it's").Path);
    }

    [Fact]
    public void A_missing_property_is_at_the_root_until_a_parent_adds_its_name()
    {
        Assert.Equal("$", JsonRead.MissingProperty("T", "id").Path);
        Assert.Equal("$.outer", JsonRead.AtProperty(JsonRead.MissingProperty("T", "id"), "Outer", "outer").Path);
    }

    [Fact]
    public void An_exception_from_System_Text_Json_itself_gets_the_property_as_its_whole_path()
    {
        // Its own path (here "$.deep") is relative to a reader BatchGen did not start, so only the
        // property the generated converter was reading is kept; its message is the reason.
        var ex = JsonRead.AtProperty(new JsonException("Broken.", "$.deep", 3, 4), "T", "x");

        Assert.Equal("$.x", ex.Path);
        Assert.Equal("Broken. Path: $.x.", ex.Message);
        Assert.Equal((3L, 4L), (ex.LineNumber, ex.BytePositionInLine));
    }

    [Fact]
    public void A_number_split_across_buffers_is_named_in_full()
    {
        var first = new BufferSegment("[12"u8.ToArray());
        var last = first.Append("345]"u8.ToArray());
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, 4), default);
        reader.Read();
        reader.Read();
        Assert.True(reader.HasValueSequence);

        string? message = null;
        try
        {
            JsonRead.String(ref reader);
        }
        catch (JsonException ex)
        {
            message = ex.Message;
        }

        Assert.Equal("Expected a string but found the number 12345.", message);
    }

    [Fact]
    public void Structure_checks_name_the_type()
    {
        Assert.Equal("Expected a JSON object for Batch but found an array.", Failure("[]", (ref Utf8JsonReader r) => { JsonRead.StartObject(ref r, "Batch"); return 0; }));
        Assert.Equal("Expected a string value of BatchStatus but found the number 1.", Failure("1", (ref Utf8JsonReader r) => { JsonRead.ExpectString(ref r, "BatchStatus"); return 0; }));
        Assert.Equal(0, ReadOne("{}", (ref Utf8JsonReader r) => { JsonRead.StartObject(ref r, "Batch"); return 0; }));
        Assert.Equal(0, ReadOne("\"a\"", (ref Utf8JsonReader r) => { JsonRead.ExpectString(ref r, "BatchStatus"); return 0; }));
        Assert.Equal("The JSON for Batch has no 'id' property, which the spec marks as required.", JsonRead.MissingProperty("Batch", "id").Message);
    }
}
