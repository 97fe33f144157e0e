using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BatchGen;

/// <summary>Reads one JSON value from a <see cref="Utf8JsonReader"/> positioned on its first token.</summary>
public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

/// <summary>Reads an error body as the type the spec declares for <paramref name="status"/>; null when it declares none.</summary>
public delegate object? ErrorValueReader(int status, ref Utf8JsonReader reader);

/// <summary>
/// Reading helpers called by generated converters. Each reads the value under the reader and
/// throws a <see cref="JsonException"/> that says what was expected and what was found; generated
/// code adds the JSON path on the way out (<see cref="AtProperty"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonRead
{
    private const string ReasonKey = "BatchGen.Reason";

    /// <summary>Checks that the reader is on the start of an object.</summary>
    public static void StartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch($"a JSON object for {typeName}", ref reader);
        }
    }

    /// <summary>Checks that the reader is on a string.</summary>
    public static void ExpectString(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Mismatch($"a string value of {typeName}", ref reader);
        }
    }

    /// <summary>Reads a string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string String(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        ThrowMismatch("a string", ref reader);
        return default!;
    }

    /// <summary>
    /// Reads a string the spec allows one value for (<c>"object": "batch"</c>, a variant's
    /// <c>type</c>). That value, when the JSON holds it, is returned as the given instance: no
    /// string is allocated for a property every response carries. Any other string is read as
    /// sent, so a newer server's value is kept rather than refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string Constant(ref Utf8JsonReader reader, string value)
        => reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(value) ? value : String(ref reader);

    /// <summary>Reads a 32-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Int32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        ThrowMismatch("a 32-bit integer", ref reader);
        return default!;
    }

    /// <summary>Reads a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Int64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        ThrowMismatch("an integer", ref reader);
        return default!;
    }

    /// <summary>Reads a single-precision number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Single(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var value))
        {
            return value;
        }

        ThrowMismatch("a number", ref reader);
        return default!;
    }

    /// <summary>Reads a double-precision number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Double(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        ThrowMismatch("a number", ref reader);
        return default!;
    }

    /// <summary>Reads a decimal number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value))
        {
            return value;
        }

        ThrowMismatch("a decimal number", ref reader);
        return default!;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool Boolean(ref Utf8JsonReader reader)
        => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Mismatch("true or false", ref reader),
        };

    /// <summary>A Unix timestamp in seconds (OpenAPI <c>format: unixtime</c>).</summary>
    public static DateTimeOffset UnixTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seconds)
            && seconds >= -62135596800L && seconds <= 253402300799L)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw Mismatch("a Unix time in whole seconds", ref reader);
    }

    /// <summary>Reads an ISO 8601 date-time string (OpenAPI <c>format: date-time</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DateTimeOffset DateTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        ThrowMismatch("an ISO 8601 date-time string", ref reader);
        return default!;
    }

    /// <summary>
    /// A file given as a JSON string (a form body's record read from JSON, in tests and tools): its
    /// text is the content, named "file". Files come from <see cref="ApiFile"/>'s factories otherwise.
    /// </summary>
    public static ApiFile File(ref Utf8JsonReader reader)
        => ApiFile.FromBytes(System.Text.Encoding.UTF8.GetBytes(String(ref reader)), "file", "application/octet-stream");

    /// <summary>Any JSON value, kept as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement Element(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    /// <summary>Reads an array, adding the item index to the path of any error.</summary>
    public static IReadOnlyList<T> List<T>(ref Utf8JsonReader reader, JsonValueReader<T> readItem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Mismatch("a JSON array", ref reader);
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                items.Add(readItem(ref reader));
            }
            catch (JsonException ex)
            {
                throw WithPath(ex, "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]");
            }
        }

        return items;
    }

    /// <summary>Reads an object as a string-keyed map, adding the key to the path of any error.</summary>
    public static IReadOnlyDictionary<string, T> Map<T>(ref Utf8JsonReader reader, JsonValueReader<T> readValue)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Mismatch("a JSON object", ref reader);
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            try
            {
                map[key] = readValue(ref reader);
            }
            catch (JsonException ex)
            {
                throw WithPath(ex, "['" + key.Replace("'", "\\'") + "']");
            }
        }

        return map;
    }

    /// <summary>A required property of a generated type was absent from the JSON.</summary>
    public static JsonException MissingProperty(string typeName, string jsonName)
    {
        var reason = $"The JSON for {typeName} has no '{jsonName}' property, which the spec marks as required.";
        var exception = new JsonException(reason, "$", null, null);
        exception.Data[ReasonKey] = reason;
        return exception;
    }

    /// <summary>Adds the property being read to the path of an exception from a nested value.</summary>
    public static JsonException AtProperty(JsonException inner, string typeName, string jsonName)
    {
        _ = typeName;
        return WithPath(inner, IsSimpleName(jsonName) ? "." + jsonName : "['" + jsonName.Replace("'", "\\'") + "']");
    }

    private static JsonException WithPath(JsonException inner, string segment)
    {
        var reason = inner.Data[ReasonKey] as string ?? inner.Message;
        var rest = inner.Data.Contains(ReasonKey) && inner.Path is { Length: > 0 } path && path[0] == '$' ? path.Substring(1) : string.Empty;
        var fullPath = "$" + segment + rest;
        var exception = new JsonException($"{reason} Path: {fullPath}.", fullPath, inner.LineNumber, inner.BytePositionInLine, inner);
        exception.Data[ReasonKey] = reason;
        return exception;
    }

    private static bool IsSimpleName(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    /// <summary>Kept out of line so the readers above stay small enough to inline.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMismatch(string expected, ref Utf8JsonReader reader) => throw Mismatch(expected, ref reader);

    private static JsonException Mismatch(string expected, ref Utf8JsonReader reader)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "the number " + Truncate(System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray())),
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };
        var reason = $"Expected {expected} but found {found}.";
        var exception = new JsonException(reason, "$", null, null);
        exception.Data[ReasonKey] = reason;
        return exception;
    }

    private static string Truncate(string text) => text.Length > 40 ? text.Substring(0, 40) + "…" : text;
}
