using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace BatchGen;

/// <summary>The JSON kinds a union variant accepts.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum JsonShape
{
    /// <summary>Any value.</summary>
    Any,

    /// <summary>An object.</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>Any number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// One variant of a generated union: what JSON it accepts and how to read it. For object variants,
/// the discriminator values that select it, the properties it requires and the properties whose
/// value is fixed (<c>"type": "message"</c>) tell variants apart without trial reads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonUnionVariant<T>
{
    /// <summary>Describes a variant.</summary>
    public JsonUnionVariant(JsonShape shape, JsonValueReader<T> read, string[]? discriminatorValues = null, string[]? required = null, string[]? fixedValues = null)
    {
        Shape = shape;
        Read = read;
        DiscriminatorValues = discriminatorValues ?? Array.Empty<string>();
        Required = required ?? Array.Empty<string>();
        FixedValues = fixedValues ?? Array.Empty<string>();
    }

    /// <summary>The JSON kind the variant accepts.</summary>
    public JsonShape Shape { get; }

    /// <summary>Reads the variant, wrapped in the union.</summary>
    public JsonValueReader<T> Read { get; }

    /// <summary>Discriminator values that select this variant.</summary>
    public string[] DiscriminatorValues { get; }

    /// <summary>Properties the variant requires.</summary>
    public string[] Required { get; }

    /// <summary>Pairs of property name and fixed string value, flattened: name, value, name, value…</summary>
    public string[] FixedValues { get; }
}

/// <summary>Chooses the variant of a union for the value under a reader.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonUnion
{
    /// <summary>
    /// Reads a union value. An object with a discriminator goes to the variant its value names;
    /// otherwise the variants that accept the JSON kind, have the fixed values and the required
    /// properties are the candidates: one candidate is read (its errors surface), several are tried
    /// in spec order. A value no variant accepts is kept as a <see cref="JsonElement"/> through
    /// <paramref name="unknown"/>, so a newer server's new variant does not break reading.
    /// </summary>
    public static T Read<T>(ref Utf8JsonReader reader, string? discriminator, JsonUnionVariant<T>[] variants, Func<JsonElement, T> unknown)
        => Read(ref reader, discriminator, variants, unknown, null);

    /// <summary>
    /// Reads a union value that came as a server-sent event named <paramref name="eventName"/>. When
    /// the data carries no discriminator, the event name chooses the variant: the one whose
    /// discriminator value, or one of whose fixed values, it is. Unnamed events (<c>message</c>)
    /// are read as <see cref="Read{T}(ref Utf8JsonReader, string?, JsonUnionVariant{T}[], Func{JsonElement, T})"/> does.
    /// </summary>
    public static T ReadEvent<T>(ref Utf8JsonReader reader, string eventName, string? discriminator, JsonUnionVariant<T>[] variants, Func<JsonElement, T> unknown)
        => Read(ref reader, discriminator, variants, unknown, eventName == "message" ? null : eventName);

    private static T Read<T>(ref Utf8JsonReader reader, string? discriminator, JsonUnionVariant<T>[] variants, Func<JsonElement, T> unknown, string? eventName)
    {
        var candidates = new List<JsonUnionVariant<T>>(variants.Length);
        foreach (var variant in variants)
        {
            if (Accepts(variant.Shape, ref reader))
            {
                candidates.Add(variant);
            }
        }

        if (reader.TokenType == JsonTokenType.StartObject && candidates.Count > 0)
        {
            var peek = ObjectPeek.Of(reader);
            if (discriminator is not null && peek.TryGetString(discriminator, out var tag))
            {
                foreach (var candidate in candidates)
                {
                    if (Array.IndexOf(candidate.DiscriminatorValues, tag) >= 0)
                    {
                        return candidate.Read(ref reader);
                    }
                }
            }
            else if (eventName is not null && NamedBy(candidates, eventName) is { } named)
            {
                return named.Read(ref reader);
            }

            candidates.RemoveAll(candidate => !peek.Matches(candidate.Required, candidate.FixedValues));
        }

        if (candidates.Count == 1)
        {
            return candidates[0].Read(ref reader);
        }

        foreach (var candidate in candidates)
        {
            var attempt = reader;
            try
            {
                var value = candidate.Read(ref attempt);
                reader = attempt;
                return value;
            }
            catch (JsonException)
            {
                // Not this one; try the next in spec order.
            }
        }

        return unknown(JsonRead.Element(ref reader));
    }

    /// <summary>The one variant an event name selects, by discriminator value or by a fixed value (<c>"type": "response.created"</c>).</summary>
    private static JsonUnionVariant<T>? NamedBy<T>(List<JsonUnionVariant<T>> candidates, string eventName)
    {
        foreach (var candidate in candidates)
        {
            if (Array.IndexOf(candidate.DiscriminatorValues, eventName) >= 0)
            {
                return candidate;
            }

            for (var i = 1; i < candidate.FixedValues.Length; i += 2)
            {
                if (candidate.FixedValues[i] == eventName)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool Accepts(JsonShape shape, ref Utf8JsonReader reader)
        => shape switch
        {
            JsonShape.Any => true,
            JsonShape.Object => reader.TokenType == JsonTokenType.StartObject,
            JsonShape.Array => reader.TokenType == JsonTokenType.StartArray,
            JsonShape.String => reader.TokenType == JsonTokenType.String,
            JsonShape.Integer => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _),
            JsonShape.Number => reader.TokenType == JsonTokenType.Number,
            JsonShape.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
            _ => false,
        };

    /// <summary>The top-level property names of an object, and the values of its string properties, read from a copy of the reader.</summary>
    private sealed class ObjectPeek
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        public static ObjectPeek Of(Utf8JsonReader reader)
        {
            var peek = new ObjectPeek();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                peek._names.Add(name);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    peek._strings[name] = reader.GetString()!;
                }
                else
                {
                    reader.Skip();
                }
            }

            return peek;
        }

        public bool TryGetString(string name, out string value) => _strings.TryGetValue(name, out value!);

        public bool Matches(string[] required, string[] fixedValues)
        {
            foreach (var name in required)
            {
                if (!_names.Contains(name))
                {
                    return false;
                }
            }

            for (var i = 0; i + 1 < fixedValues.Length; i += 2)
            {
                if (_strings.TryGetValue(fixedValues[i], out var value) && value != fixedValues[i + 1])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
