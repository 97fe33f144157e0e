using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace BatchGen.Runtime.Tests;

public sealed class JsonNamesTests
{
    private static readonly JsonNames s_names = new("id", "object", "status", "error_file_id", "größe", "");

    [Theory]
    [InlineData("{\"id\":1}", 0)]
    [InlineData("{\"object\":1}", 1)]
    [InlineData("{\"status\":1}", 2)]
    [InlineData("{\"error_file_id\":1}", 3)]
    [InlineData("{\"größe\":1}", 4)]
    [InlineData("{\"\":1}", 5)]
    [InlineData("{\"\\u0069d\":1}", 0)] // escaped: "id"
    [InlineData("{\"st\\u0061tus\":1}", 2)]
    [InlineData("{\"gr\\u00f6\\u00dfe\":1}", 4)]
    [InlineData("{\"ID\":1}", -1)] // names are case-sensitive
    [InlineData("{\"idx\":1}", -1)] // a length no bucket ends at
    [InlineData("{\"objekt\":1}", -1)] // same length as a name, different bytes
    [InlineData("{\"a_name_much_longer_than_any_listed\":1}", -1)]
    public void Finds_the_property_the_reader_is_on(string json, int expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        Assert.Equal(expected, s_names.IndexOf(ref reader));
        Assert.Equal(JsonTokenType.PropertyName, reader.TokenType); // the reader did not move
    }

    [Theory]
    [InlineData("{\"id\":1}", 0)]
    [InlineData("{\"error_file_id\":1}", 3)]
    [InlineData("{\"größe\":1}", 4)]
    [InlineData("{\"\":1}", 5)]
    [InlineData("{\"st\\u0061tus\":1}", 2)]
    [InlineData("{\"ID\":1}", -1)]
    [InlineData("{\"objekt\":1}", -1)]
    public void The_expected_position_is_only_a_first_guess(string json, int expected)
    {
        // Whatever the converter expects next (in order, out of order, past the end, nothing yet),
        // the answer is the one a plain search gives.
        foreach (var guess in new[] { -1, 0, 1, 2, 3, 4, 5, 6, int.MaxValue })
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            reader.Read();
            Assert.Equal(expected, s_names.IndexOf(ref reader, guess));
            Assert.Equal(JsonTokenType.PropertyName, reader.TokenType);
        }
    }

    [Fact]
    public void A_guess_is_compared_with_the_name_as_unescaped_and_whole()
    {
        // The raw bytes of the escaped "id" spell the second name, a name with a backslash in it.
        var names = new JsonNames("id", "\\u0069d");
        var escaped = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"\\u0069d\":1}"));
        escaped.Read();
        escaped.Read();
        Assert.Equal(0, names.IndexOf(ref escaped, 1));

        // A name split across buffers has no single span: it must not pass for the empty name.
        var bytes = Encoding.UTF8.GetBytes("{\"error_file_id\":1}");
        var first = new BufferSegment(bytes.AsMemory(0, 8));
        var last = first.Append(bytes.AsMemory(8));
        var split = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        split.Read();
        split.Read();
        Assert.Equal(3, s_names.IndexOf(ref split, 5));
    }

    [Fact]
    public void A_guess_on_a_string_value_is_found_as_without_one()
    {
        var reader = new Utf8JsonReader("\"status\""u8);
        reader.Read();
        Assert.Equal(2, s_names.IndexOf(ref reader, 2));
        Assert.Equal(2, s_names.IndexOf(ref reader, 0));
    }

    [Theory]
    [InlineData("\"status\"", 2)]
    [InlineData("\"st\\u0061tus\"", 2)] // an escaped enum value is still the known one
    [InlineData("\"Status\"", -1)]
    public void Finds_a_string_value_as_an_enum_reads_it(string json, int expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        Assert.Equal(expected, s_names.IndexOf(ref reader));
        Assert.Equal(JsonTokenType.String, reader.TokenType);
    }

    [Fact]
    public void Finds_a_name_split_across_buffers()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"error_file_id\":1}");
        var first = new BufferSegment(bytes.AsMemory(0, 8));
        var last = first.Append(bytes.AsMemory(8));
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read();
        reader.Read();
        Assert.True(reader.HasValueSequence);
        Assert.Equal(3, s_names.IndexOf(ref reader));
    }

    [Fact]
    public void Gives_the_encoded_name_for_writing_and_the_spec_name_for_errors()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(s_names[3]);
            writer.WriteNumberValue(1);
            writer.WritePropertyName(s_names[4]);
            writer.WriteNumberValue(2);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"error_file_id\":1,\"gr\\u00F6\\u00DFe\":2}", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal("error_file_id", s_names.NameAt(3));
        Assert.Equal(6, s_names.Count);
    }

    [Fact]
    public void Refuses_a_reader_not_on_a_property_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{\"id\":1}"));
            reader.Read();
            s_names.IndexOf(ref reader);
        });
        Assert.Contains("StartObject", ex.Message);
    }

    [Fact]
    public void A_guess_does_not_make_a_number_a_name()
    {
        // A number's bytes can spell a name; the guess is tried on property names only, so the
        // reader on a number is refused with or without one.
        var digits = new JsonNames("1");
        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("1"));
            reader.Read();
            digits.IndexOf(ref reader, 0);
        });
        Assert.Contains("Number", ex.Message);
    }

    [Fact]
    public void Refuses_missing_names()
    {
        Assert.Throws<ArgumentNullException>(() => new JsonNames(null!));
        var ex = Assert.Throws<ArgumentException>(() => new JsonNames("id", null!));
        Assert.StartsWith("A property name is null.", ex.Message);
    }

    [Fact]
    public void An_empty_list_finds_nothing()
        => Assert.Equal(-1, new JsonNames().IndexOf("id"u8));
}
