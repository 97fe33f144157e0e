using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace BatchGen;

/// <summary>
/// The JSON names one generated type knows, in order: an object's property names, or a string
/// enum's values. Finds the name the reader is on, gives each name pre-encoded for writing, and
/// names the property a read failed in. Generated converters hold one each, so the per-type code
/// the compiler binds on every build is a list of names rather than a comparison per name.
/// </summary>
public sealed class JsonNames
{
    private readonly string[] _names;
    private readonly JsonEncodedText[] _encoded;
    private readonly byte[][] _utf8;

    // By UTF-8 length, then the few names of that length: the same search a switch on the length
    // would do, without generating one.
    private readonly Entry[][] _byLength;

    /// <summary>Names in property order; <see cref="IndexOf(ref Utf8JsonReader)"/> returns positions in this list.</summary>
    public JsonNames(params string[] names)
    {
        _names = names ?? throw new ArgumentNullException(nameof(names));
        _encoded = new JsonEncodedText[names.Length];
        _utf8 = new byte[names.Length][];
        var buckets = new List<List<Entry>>();
        for (var i = 0; i < names.Length; i++)
        {
            _encoded[i] = JsonEncodedText.Encode(names[i] ?? throw new ArgumentException("A property name is null.", nameof(names)));
            var utf8 = Encoding.UTF8.GetBytes(names[i]);
            _utf8[i] = utf8;
            while (buckets.Count <= utf8.Length)
            {
                buckets.Add(new List<Entry>());
            }

            buckets[utf8.Length].Add(new Entry(utf8, i));
        }

        _byLength = new Entry[buckets.Count][];
        for (var length = 0; length < buckets.Count; length++)
        {
            _byLength[length] = buckets[length].ToArray();
        }
    }

    /// <summary>How many names there are.</summary>
    public int Count => _names.Length;

    /// <summary>The name at <paramref name="index"/>, encoded for <see cref="Utf8JsonWriter.WritePropertyName(JsonEncodedText)"/>.</summary>
    public JsonEncodedText this[int index] => _encoded[index];

    /// <summary>The name at <paramref name="index"/>, as the spec spells it.</summary>
    public string NameAt(int index) => _names[index];

    /// <summary>
    /// The position of the property name or string <paramref name="reader"/> is on (escaped or
    /// split across buffers alike), or -1 when it is not in the list. The reader does not move.
    /// </summary>
    public int IndexOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
        {
            throw new InvalidOperationException($"The reader is on {reader.TokenType}, not on a property name or a string.");
        }

        return reader.ValueIsEscaped || reader.HasValueSequence
            ? IndexOf(Encoding.UTF8.GetBytes(reader.GetString()!))
            : IndexOf(reader.ValueSpan);
    }

    /// <summary>
    /// As <see cref="IndexOf(ref Utf8JsonReader)"/>, trying the name at <paramref name="expected"/>
    /// first: servers mostly send properties in the order the spec lists them, so the converter
    /// passes the position after the last property it read, and one comparison usually settles it.
    /// </summary>
    public int IndexOf(ref Utf8JsonReader reader, int expected)
    {
        if ((uint)expected < (uint)_utf8.Length
            && reader.TokenType == JsonTokenType.PropertyName
            && !reader.ValueIsEscaped
            && !reader.HasValueSequence
            && reader.ValueSpan.SequenceEqual(_utf8[expected]))
        {
            return expected;
        }

        return IndexOf(ref reader);
    }

    /// <summary>The position of the UTF-8 name <paramref name="utf8Name"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length >= _byLength.Length)
        {
            return -1;
        }

        foreach (var entry in _byLength[utf8Name.Length])
        {
            if (utf8Name.SequenceEqual(entry.Utf8))
            {
                return entry.Index;
            }
        }

        return -1;
    }

    private readonly struct Entry
    {
        public Entry(byte[] utf8, int index)
        {
            Utf8 = utf8;
            Index = index;
        }

        public byte[] Utf8 { get; }

        public int Index { get; }
    }
}
