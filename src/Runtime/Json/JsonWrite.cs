using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace BatchGen;

/// <summary>Writes one value to a <see cref="Utf8JsonWriter"/>.</summary>
public delegate void JsonValueWriter<in T>(Utf8JsonWriter writer, T value);

/// <summary>Writing helpers called by generated converters.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWrite
{
    /// <summary>Writes an array.</summary>
    public static void List<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, JsonValueWriter<T> writeItem)
    {
        writer.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            writeItem(writer, items[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a string-keyed map as an object.</summary>
    public static void Map<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> map, JsonValueWriter<T> writeValue)
    {
        writer.WriteStartObject();
        if (map is Dictionary<string, T> dictionary)
        {
            // The usual case: the struct enumerator, no boxed one.
            foreach (var pair in dictionary)
            {
                writer.WritePropertyName(pair.Key);
                writeValue(writer, pair.Value);
            }
        }
        else
        {
            foreach (var pair in map)
            {
                writer.WritePropertyName(pair.Key);
                writeValue(writer, pair.Value);
            }
        }

        writer.WriteEndObject();
    }
}
