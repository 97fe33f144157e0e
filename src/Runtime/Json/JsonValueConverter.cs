using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchGen;

/// <summary>
/// The base of every generated converter: System.Text.Json's two overrides, forwarding to the
/// generated type's static <c>ReadValue</c> and <c>WriteValue</c>. One shared pair instead of a
/// pair in each generated type (about 2,500 for the complete OpenAI spec), which is less code for
/// the compiler to bind on every build; nested values call the static methods directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class JsonValueConverter<T> : JsonConverter<T>
{
    private readonly JsonValueReader<T> _read;
    private readonly JsonValueWriter<T> _write;

    /// <summary>A converter that reads with <paramref name="read"/> and writes with <paramref name="write"/>.</summary>
    protected JsonValueConverter(JsonValueReader<T> read, JsonValueWriter<T> write)
    {
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _write = write ?? throw new ArgumentNullException(nameof(write));
    }

    /// <inheritdoc/>
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _read(ref reader);

    /// <inheritdoc/>
    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
}
