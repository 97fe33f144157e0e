using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace BatchGen;

/// <summary>
/// Properties of a JSON object that its schema does not list, kept as the server sent them and
/// written back when the object is serialized, so a read-modify-write never drops what a newer
/// server added. Two instances are equal when they hold the same names with the same JSON text
/// (in any order), so records that carry them keep value equality.
/// </summary>
public sealed class JsonExtensionData : IReadOnlyDictionary<string, JsonElement>, IEquatable<JsonExtensionData>
{
    private readonly Dictionary<string, JsonElement> _values;

    /// <summary>Wraps <paramref name="values"/>; each value is cloned, so it outlives the document it came from.</summary>
    public JsonExtensionData(IEnumerable<KeyValuePair<string, JsonElement>> values)
        : this(values, clone: true)
    {
    }

    private JsonExtensionData(IEnumerable<KeyValuePair<string, JsonElement>> values, bool clone)
    {
        _values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var pair in values ?? throw new ArgumentNullException(nameof(values)))
        {
            _values[pair.Key] = clone ? pair.Value.Clone() : pair.Value;
        }
    }

    /// <inheritdoc/>
    public JsonElement this[string key] => _values[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<JsonElement> Values => _values.Values;

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out JsonElement value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Writes each property into the object being written.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        foreach (var pair in _values)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }
    }

    /// <inheritdoc/>
    public bool Equals(JsonExtensionData? other)
        => other is not null
           && other.Count == Count
           && _values.All(pair => other._values.TryGetValue(pair.Key, out var value) && value.GetRawText() == pair.Value.GetRawText());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as JsonExtensionData);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var pair in _values)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(pair.Key) * 31 + StringComparer.Ordinal.GetHashCode(pair.Value.GetRawText());
        }

        return hash;
    }

    /// <summary>Collects unknown properties while an object is read; <see cref="Build"/> makes the result.</summary>
    public sealed class Builder
    {
        private readonly List<KeyValuePair<string, JsonElement>> _values = new();

        /// <summary>Reads the value the reader is on and keeps it under <paramref name="name"/>.</summary>
        public void Add(string name, ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            _values.Add(new KeyValuePair<string, JsonElement>(name, document.RootElement.Clone()));
        }

        /// <summary>The collected properties.</summary>
        public JsonExtensionData Build() => new(_values, clone: false); // each value was cloned as it was added
    }
}
