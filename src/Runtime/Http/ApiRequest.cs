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

    /// <summary>The media types the operation answers with, for <c>Accept</c> (null: <c>application/json</c>).</summary>
    public string? Accept { get; set; }

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

        _path.Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds a query parameter; a null value leaves it out.</summary>
    public ApiRequest AddQuery(string name, string? value)
    {
        if (value is not null)
        {
            (_query ??= new()).Add(new KeyValuePair<string, string>(name, value));
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

    /// <summary>A body that is not JSON (multipart, files), as the caller built it.</summary>
    public System.Net.Http.HttpContent? Content { get; private set; }

    /// <summary>Sends <paramref name="content"/> as the body. It is read once into memory, so retries re-send it intact.</summary>
    public ApiRequest SetContent(System.Net.Http.HttpContent content)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
        return this;
    }

    /// <summary>Formats a scalar for a path or query: invariant culture, lower-case booleans, ISO 8601 times.</summary>
    public static string? Format<T>(T? value)
        => value switch
        {
            null => null,
            string text => text,
            bool flag => flag ? "true" : "false",
            DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
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
                builder.Append(i == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(_query[i].Key))
                    .Append('=')
                    .Append(Uri.EscapeDataString(_query[i].Value));
            }
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
