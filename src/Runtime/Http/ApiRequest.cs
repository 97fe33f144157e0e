using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace BatchGen;

/// <summary>
/// One API call as generated code describes it: method, path with escaped parameters, query,
/// headers and an already-serialized body (so a retry sends exactly the same bytes).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiRequest
{
    private readonly StringBuilder _path = new();
    private List<KeyValuePair<string, string>>? _query;
    private List<KeyValuePair<string, string>>? _headers;

    /// <summary>Starts a request for an operation.</summary>
    public ApiRequest(string method, string operationId)
    {
        Method = method;
        OperationId = operationId;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>
    /// The operation's own <c>security</c> when it differs from the spec's default: alternatives,
    /// each a set of scheme names needed together; an empty list means no credential at all.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? Security { get; set; }

    /// <summary>The operation's own server (<c>servers</c> on the operation or its path), absolute or relative to the client's base address.</summary>
    public string? Server { get; set; }

    /// <summary>Reads an error body as the spec's error schema for its status (generated from the operation's error responses).</summary>
    public ErrorValueReader? ReadError { get; set; }

    /// <summary>The media types the operation answers with, for <c>Accept</c> (null: <c>application/json</c>).</summary>
    public string? Accept { get; set; }

    /// <summary>The caller's settings for this call, if any.</summary>
    public RequestOptions? Options { get; set; }

    /// <summary>The spec's operation id, for errors, logs and traces.</summary>
    public string OperationId { get; }

    /// <summary>The serialized JSON body, if any.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>The body's media type.</summary>
    public string? ContentType { get; private set; }

    internal IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Appends a literal part of the path template.</summary>
    public ApiRequest AppendPath(string literal)
    {
        _path.Append(literal);
        return this;
    }

    /// <summary>
    /// Appends a path parameter as exactly one escaped segment (<c>a/b?c#d</c> → <c>a%2Fb%3Fc%23d</c>).
    /// Blank values and the dot segments <c>.</c> and <c>..</c> are refused before any request is
    /// sent: they would address a different resource (<c>batches/../cancel</c>).
    /// </summary>
    public ApiRequest AppendPathParameter(string name, string value)
    {
        CheckPathValue(name, value);
        _path.Append(Uri.EscapeDataString(value));
        return this;
    }

    private static void CheckPathValue(string name, string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"The path parameter '{name}' is required.");
        }

        if (value.Trim().Length == 0)
        {
            throw new ArgumentException($"The path parameter '{name}' must not be empty or blank.", name);
        }

        if (value == "." || value == "..")
        {
            throw new ArgumentException($"The path parameter '{name}' must not be '{value}': it would address a different resource.", name);
        }
    }

    /// <summary>
    /// Appends a path parameter in <paramref name="style"/> (<c>label</c> <c>.v</c>, <c>matrix</c>
    /// <c>;name=v</c>); the checks of <see cref="AppendPathParameter(string, string)"/> apply to the value.
    /// </summary>
    public ApiRequest AppendPathParameter(string name, string value, ParameterStyle style, bool explode)
    {
        if (style == ParameterStyle.Simple)
        {
            return AppendPathParameter(name, value);
        }

        CheckPathValue(name, value);
        _path.Append(ParameterSerializer.Path(name, value, null, null, style, explode));
        return this;
    }

    /// <summary>Appends an array path parameter (<c>3,4</c>, <c>.3.4</c>, <c>;id=3;id=4</c>…); it must have items.</summary>
    public ApiRequest AppendPathItems(string name, IReadOnlyList<string> items, ParameterStyle style, bool explode)
    {
        if (items is null || items.Count == 0)
        {
            throw new ArgumentException($"The path parameter '{name}' must have at least one item.", name);
        }

        _path.Append(ParameterSerializer.Path(name, null, items, null, style, explode));
        return this;
    }

    /// <summary>Appends an object path parameter (<c>role,admin</c>, <c>role=admin</c>…); it must have properties.</summary>
    public ApiRequest AppendPathObject(string name, IReadOnlyList<KeyValuePair<string, string>> pairs, ParameterStyle style, bool explode)
    {
        if (pairs is null || pairs.Count == 0)
        {
            throw new ArgumentException($"The path parameter '{name}' must have at least one property.", name);
        }

        _path.Append(ParameterSerializer.Path(name, null, null, pairs, style, explode));
        return this;
    }

    /// <summary>Adds a query parameter; a null value leaves it out.</summary>
    public ApiRequest AddQuery(string name, string? value)
    {
        if (value is not null)
        {
            (_query ??= new()).Add(new KeyValuePair<string, string>(Uri.EscapeDataString(name), Uri.EscapeDataString(value)));
        }

        return this;
    }

    /// <summary>Adds an array query parameter in <paramref name="style"/>; null leaves it out.</summary>
    public ApiRequest AddQueryItems(string name, IReadOnlyList<string>? items, ParameterStyle style, bool explode)
    {
        if (items is not null)
        {
            (_query ??= new()).AddRange(ParameterSerializer.QueryItems(name, items, style, explode));
        }

        return this;
    }

    /// <summary>Adds an object or map query parameter in <paramref name="style"/>; null leaves it out.</summary>
    public ApiRequest AddQueryObject(string name, IReadOnlyList<KeyValuePair<string, string>>? pairs, ParameterStyle style, bool explode)
    {
        if (pairs is not null)
        {
            (_query ??= new()).AddRange(ParameterSerializer.QueryObject(name, pairs, style, explode));
        }

        return this;
    }

    /// <summary>Adds a header; a null value leaves it out.</summary>
    public ApiRequest AddHeader(string name, string? value)
    {
        if (value is not null)
        {
            (_headers ??= new()).Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    /// <summary>Adds an array header (<c>3,4</c>); null leaves it out.</summary>
    public ApiRequest AddHeaderItems(string name, IReadOnlyList<string>? items, bool explode)
        => items is null ? this : AddHeader(name, ParameterSerializer.Header(items, null, explode));

    /// <summary>Adds an object header (<c>role,admin</c>, or with <paramref name="explode"/> <c>role=admin</c>); null leaves it out.</summary>
    public ApiRequest AddHeaderObject(string name, IReadOnlyList<KeyValuePair<string, string>>? pairs, bool explode)
        => pairs is null ? this : AddHeader(name, ParameterSerializer.Header(null, pairs, explode));

    /// <summary>Each item formatted as <see cref="Format{T}"/> does; null stays null.</summary>
    public static IReadOnlyList<string>? FormatItems<T>(IEnumerable<T>? items)
    {
        if (items is null)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var item in items)
        {
            result.Add(Format(item) ?? string.Empty);
        }

        return result;
    }

    /// <summary>
    /// An object's (or map's) top-level properties as name and text pairs, from its generated JSON
    /// writer: strings as they are, numbers and booleans as JSON writes them, nested values as JSON
    /// text, nulls left out. Null stays null.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Pairs<T>(T? value, JsonValueWriter<T> write)
    {
        if (value is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, value);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        var pairs = new List<KeyValuePair<string, string>>();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return pairs;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
            if (text is not null)
            {
                pairs.Add(new KeyValuePair<string, string>(property.Name, text));
            }
        }

        return pairs;
    }

    /// <summary>Serializes the body now, once, with the generated writer, as <paramref name="contentType"/> (a JSON media type of the spec's).</summary>
    public ApiRequest SetJsonBody<T>(T value, JsonValueWriter<T> write, string contentType = "application/json")
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, value);
        }

        Body = stream.ToArray();
        ContentType = contentType;
        return this;
    }

    /// <summary>A form body generated from a typed request record; made into <see cref="Content"/> when the call starts.</summary>
    public FormBody? Form { get; private set; }

    /// <summary>Sends a typed form body (<c>multipart/form-data</c> or urlencoded).</summary>
    public ApiRequest SetFormBody(FormBody form)
    {
        Form = form ?? throw new ArgumentNullException(nameof(form));
        return this;
    }

    /// <summary>A body that is not JSON (multipart, files), as the caller built it.</summary>
    public System.Net.Http.HttpContent? Content { get; private set; }

    /// <summary>Sends <paramref name="content"/> as the body. It is read once into memory, so retries re-send it intact.</summary>
    public ApiRequest SetContent(System.Net.Http.HttpContent content)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
        return this;
    }

    /// <summary>
    /// Formats a scalar for a path, query, header or form field as JSON would write it: invariant
    /// culture, lower-case booleans, ISO 8601 times, numbers that read back to the same value, bytes
    /// in base64 (<c>format: byte</c>), and a URI with its escapes kept.
    /// </summary>
    public static string? Format<T>(T? value)
        => value switch
        {
            null => null,
            string text => text,
            bool flag => flag ? "true" : "false",
            DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
            // "R": the shortest text that reads back exactly, also on .NET Framework, whose default keeps 15 digits.
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            float number => number.ToString("R", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            // Uri.ToString() unescapes (%2F becomes /), which would change the address sent.
            Uri uri => uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

    /// <summary>
    /// The full address: the operation's <see cref="Server"/> if it has one (resolved against the
    /// client's), else the client's base address; its path is kept, with or without a trailing slash.
    /// </summary>
    public Uri BuildUri(Uri baseAddress)
    {
        if (Server is { } server)
        {
            baseAddress = new Uri(baseAddress, server);
        }

        var builder = new StringBuilder(baseAddress.AbsoluteUri.TrimEnd('/'));
        if (_path.Length > 0 && _path[0] != '/')
        {
            builder.Append('/');
        }

        builder.Append(_path);
        if (_query is not null)
        {
            for (var i = 0; i < _query.Count; i++)
            {
                // Stored escaped: a style's separators (',', '%20', '%7C') are not escaped again.
                builder.Append(i == 0 ? '?' : '&')
                    .Append(_query[i].Key)
                    .Append('=')
                    .Append(_query[i].Value);
            }
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
