using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// The parts of a <c>multipart/form-data</c> or <c>application/x-www-form-urlencoded</c> body, as
/// generated code adds them from a typed request record: text fields, files, repeated fields for
/// arrays, JSON for nested objects (or, in bracket notation, <c>name[]</c> and <c>name[key]</c>
/// fields). Null values are left out. <see cref="ToContentAsync"/> makes the body once, with one
/// boundary, so every retry sends identical bytes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FormBody
{
    private readonly bool _multipart;
    private readonly List<Part> _parts = new();

    private FormBody(bool multipart) => _multipart = multipart;

    /// <summary>A <c>multipart/form-data</c> body.</summary>
    public static FormBody Multipart() => new(multipart: true);

    /// <summary>An <c>application/x-www-form-urlencoded</c> body.</summary>
    public static FormBody UrlEncoded() => new(multipart: false);

    /// <summary>A part as added; <see cref="IsItem"/> marks one item of an array, <see cref="Json"/> a nested value kept as JSON until the notation is known.</summary>
    private sealed record Part(string Name, string? Text, ApiFile? File, string? ContentType, bool IsItem = false, byte[]? Json = null);

    /// <summary>A text field.</summary>
    public FormBody Add(string name, string? value, string? contentType = null)
    {
        if (value is not null)
        {
            _parts.Add(new Part(name, value, null, contentType));
        }

        return this;
    }

    /// <summary>A field per item, all of one name (how form bodies carry arrays).</summary>
    public FormBody AddItems(string name, IReadOnlyList<string>? values)
    {
        foreach (var value in values ?? Array.Empty<string>())
        {
            _parts.Add(new Part(name, value, null, null, IsItem: true));
        }

        return this;
    }

    /// <summary>A file part (multipart only; a urlencoded body cannot carry files).</summary>
    public FormBody AddFile(string name, ApiFile? file)
    {
        if (file is not null)
        {
            if (!_multipart)
            {
                throw new ArgumentException($"'{name}' is a file, which an application/x-www-form-urlencoded body cannot carry.", name);
            }

            _parts.Add(new Part(name, null, file, null));
        }

        return this;
    }

    /// <summary>A file part per file, all of one name.</summary>
    public FormBody AddFiles(string name, IEnumerable<ApiFile>? files)
    {
        foreach (var file in files ?? Array.Empty<ApiFile>())
        {
            AddFile(name, file);
            _parts[_parts.Count - 1] = _parts[_parts.Count - 1] with { IsItem = true };
        }

        return this;
    }

    /// <summary>A nested value as JSON text, with its generated writer (<c>application/json</c> in multipart).</summary>
    public FormBody AddJson<T>(string name, T? value, JsonValueWriter<T> write)
    {
        if (value is null)
        {
            return this;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer, value);
        }

        var json = stream.ToArray();
        _parts.Add(new Part(name, Encoding.UTF8.GetString(json), null, _multipart ? "application/json" : null, Json: json));
        return this;
    }

    /// <summary>
    /// A union member: a file or files as file parts, text as text, anything else as JSON through
    /// the union's own writer (<paramref name="held"/> is the variant it holds).
    /// </summary>
    public FormBody AddValue<T>(string name, T? value, object? held, JsonValueWriter<T> write)
        => held switch
        {
            null => this,
            ApiFile file => AddFile(name, file),
            IEnumerable<ApiFile> files => AddFiles(name, files),
            string text => Add(name, text),
            _ => AddJson(name, value, write),
        };

    /// <summary>
    /// The body, files read now; its bytes are fixed from here on. OpenAPI's default notation, or with <paramref name="bracketed"/>, multipart arrays go as
    /// <c>name[]</c> parts and nested values as <c>name[key]</c>/<c>name[][key]</c> text parts.
    /// </summary>
    public async Task<HttpContent> ToContentAsync(bool bracketed, CancellationToken cancellationToken)
    {
        if (!_multipart)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var part in _parts)
            {
                pairs.Add(new KeyValuePair<string, string>(part.Name, part.Text ?? string.Empty));
            }

            return new FormUrlEncodedContent(pairs);
        }

        var content = new MultipartFormDataContent("batchgen-" + Guid.NewGuid().ToString("N"));
        foreach (var part in bracketed ? Bracketed(_parts) : _parts)
        {
            HttpContent item;
            if (part.File is { } file)
            {
                item = new ByteArrayContent(await file.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false));
                item.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            }
            else
            {
                item = new ByteArrayContent(Encoding.UTF8.GetBytes(part.Text!));
                if (part.ContentType is not null)
                {
                    item.Headers.ContentType = new MediaTypeHeaderValue(part.ContentType);
                }
            }

            item.Headers.ContentDisposition = Disposition(part.Name, part.File?.FileName);
            content.Add(item);
        }

        return content;
    }

    /// <summary>The parts in bracket notation: items named <c>name[]</c>, nested values flattened to text parts.</summary>
    private static IEnumerable<Part> Bracketed(List<Part> parts)
    {
        foreach (var part in parts)
        {
            if (part.Json is { } json)
            {
                using var document = JsonDocument.Parse(json);
                foreach (var flat in Flatten(part.Name, document.RootElement))
                {
                    yield return flat;
                }
            }
            else
            {
                yield return part.IsItem ? part with { Name = part.Name + "[]" } : part;
            }
        }
    }

    private static IEnumerable<Part> Flatten(string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    foreach (var part in Flatten($"{name}[{property.Name}]", property.Value))
                    {
                        yield return part;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    foreach (var part in Flatten(name + "[]", item))
                    {
                        yield return part;
                    }
                }

                break;
            case JsonValueKind.String:
                yield return new Part(name, value.GetString(), null, null);
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                yield return new Part(name, value.GetRawText(), null, null);
                break;
        }
    }

    /// <summary>
    /// <c>form-data; name="…"; filename="…"</c>, quoted and escaped as browsers send it (the HTML
    /// standard's multipart encoding: <c>"</c>, CR and LF as <c>%22</c>, <c>%0D</c>, <c>%0A</c>, all else
    /// as is). Servers are written for that; a backslash escape is read literally by some (ASP.NET
    /// Core keeps the backslash), and HttpClient's own form writes a <c>filename*</c> that some cannot
    /// parse (Prism, the mock server of the official SDKs, crashes on it).
    /// </summary>
    private static ContentDispositionHeaderValue Disposition(string name, string? fileName)
    {
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        if (fileName is not null)
        {
            disposition.FileName = Quote(fileName);
        }

        return disposition;
    }

    private static string Quote(string value)
        => "\"" + value.Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A") + "\"";
}
