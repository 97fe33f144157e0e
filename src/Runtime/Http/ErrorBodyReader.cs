using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>What an error response said: its text (capped) and, when it has the <c>{"error": {…}}</c> shape, its fields.</summary>
internal readonly record struct ErrorBody(string? Body, string? Message, string? Type, string? Code, string? Param, object? Value = null);

/// <summary>
/// Reads an error response's body, at most <see cref="MaxBytes"/> of it: the cap is applied while
/// reading, so a proxy that answers with a huge page costs no more than the cap.
/// </summary>
internal static class ErrorBodyReader
{
    /// <summary>How much of an error body is read and kept (<see cref="ApiStatusException.ResponseBody"/>).</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<ErrorBody> ReadAsync(HttpResponseMessage response, ErrorValueReader? readError, CancellationToken cancellationToken)
    {
        string text;
        object? value = null;
        try
        {
            var body = await PooledBody.ReadAsync(response.Content, MaxBytes, cancellationToken).ConfigureAwait(false);
            try
            {
                text = Decode(body.Span, body.IsTruncated);
                if (readError is not null && !body.IsTruncated)
                {
                    value = ReadTyped(readError, (int)response.StatusCode, body.Span);
                }
            }
            finally
            {
                body.Return();
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            text = string.Empty; // the status says enough; a broken error body must not hide it
        }

        return Parse(text) with { Value = value };
    }

    /// <summary>The body as the spec's error type for the status; null when none is declared or it does not match.</summary>
    private static object? ReadTyped(ErrorValueReader readError, int status, ReadOnlySpan<byte> json)
    {
        try
        {
            using var context = JsonReadContext.Begin(strict: false);
            var reader = new Utf8JsonReader(json);
            return reader.Read() ? readError(status, ref reader) : null;
        }
        catch (JsonException)
        {
            return null; // an error body of another shape: the raw text and status still say what happened
        }
    }

    /// <summary>UTF-8 text; a character cut in half by the cap is dropped rather than shown as garbage.</summary>
    private static string Decode(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (truncated)
        {
            var end = bytes.Length;
            var start = end;
            while (start > 0 && end - start < 4 && (bytes[start - 1] & 0xC0) == 0x80)
            {
                start--;
            }

            // start - 1 is the lead byte of the last character, if it is a multi-byte one.
            if (start > 0 && bytes[start - 1] >= 0xC0)
            {
                var lead = bytes[start - 1];
                var needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                if (end - (start - 1) < needed)
                {
                    bytes = bytes.Slice(0, start - 1);
                }
            }
        }

#if NET8_0_OR_GREATER
        return Encoding.UTF8.GetString(bytes);
#else
        return Encoding.UTF8.GetString(bytes.ToArray());
#endif
    }

    /// <summary>The message, type, code and param where error bodies commonly keep them: in an <c>error</c> object, or at the top (RFC 7807's <c>detail</c> and <c>title</c> too).</summary>
    private static ErrorBody Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var error = root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
                var message = Text(error, "message")
                    ?? Text(root, "message")
                    ?? Text(root, "detail")
                    ?? (root.TryGetProperty("error", out var plain) && plain.ValueKind == JsonValueKind.String ? plain.GetString() : null)
                    ?? Text(root, "error_description")
                    ?? Text(root, "title");
                return new ErrorBody(text, message, Text(error, "type"), Text(error, "code"), Text(error, "param"));
            }
        }
        catch (JsonException)
        {
            // HTML from a proxy, plain text, an empty or cut body: keep the raw text.
        }

        return new ErrorBody(text, null, null, null, null);
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;
}
