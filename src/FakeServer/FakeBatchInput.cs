using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace BatchGen.Testing;

/// <summary>
/// A batch's input file read the way the Batch API reads it: one request per JSONL line, each with
/// a unique <c>custom_id</c>, <c>method</c> <c>POST</c>, the batch's <c>url</c> and a JSON
/// <c>body</c>. Valid lines are answered in the output file (one echoed completion each), invalid
/// ones in the error file, both in the API's line formats.
/// </summary>
internal sealed class FakeBatchInput
{
    private readonly List<(string CustomId, JsonElement Body)> _requests = new();
    private readonly List<(string? CustomId, string Message)> _errors = new();

    private FakeBatchInput()
    {
    }

    public int ValidCount => _requests.Count;

    public int InvalidCount => _errors.Count;

    public static FakeBatchInput Read(byte[] content, string endpoint)
    {
        var input = new FakeBatchInput();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = Encoding.UTF8.GetString(content).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var number = i + 1;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var customId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                var problem = customId is null ? "'custom_id' is missing or not a string"
                    : !seen.Add(customId) ? $"'custom_id' '{customId}' is used by an earlier line"
                    : !root.TryGetProperty("method", out var method) || method.GetString() != "POST" ? "'method' must be 'POST'"
                    : !root.TryGetProperty("url", out var url) || url.GetString() != endpoint ? $"'url' must be the batch's endpoint, '{endpoint}'"
                    : !root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object ? "'body' must be a JSON object"
                    : null;
                if (problem is null)
                {
                    input._requests.Add((customId!, root.GetProperty("body").Clone()));
                }
                else
                {
                    input._errors.Add((customId, $"Line {number}: {problem}."));
                }
            }
            catch (JsonException ex)
            {
                input._errors.Add((null, $"Line {number} is not JSON: {ex.Message}"));
            }
        }

        return input;
    }

    /// <summary>The output file: the first <paramref name="answered"/> requests, each with an echoed response.</summary>
    public byte[] Output(string batchId, string endpoint, int answered, DateTimeOffset now)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < Math.Min(answered, _requests.Count); i++)
        {
            var (customId, body) = _requests[i];
            lines.Append(FakeJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", RequestId(batchId, i));
                writer.WriteString("custom_id", customId);
                writer.WriteStartObject("response");
                writer.WriteNumber("status_code", 200);
                writer.WriteString("request_id", "req_" + batchId + "_" + i.ToString(CultureInfo.InvariantCulture));
                writer.WritePropertyName("body");
                FakeChat.WriteEcho(writer, endpoint, body, "chatcmpl-" + batchId + "-" + i.ToString(CultureInfo.InvariantCulture), now);
                writer.WriteEndObject();
                writer.WriteNull("error");
                writer.WriteEndObject();
            })).Append('\n');
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    /// <summary>The error file: one line per invalid input line.</summary>
    public byte[] Errors(string batchId)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < _errors.Count; i++)
        {
            var (customId, message) = _errors[i];
            lines.Append(FakeJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", RequestId(batchId, _requests.Count + i));
                FakeJson.WriteNullable(writer, "custom_id", customId);
                writer.WriteNull("response");
                writer.WriteStartObject("error");
                writer.WriteString("code", "invalid_request");
                writer.WriteString("message", message);
                writer.WriteEndObject();
                writer.WriteEndObject();
            })).Append('\n');
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }

    private static string RequestId(string batchId, int index) => "batch_req_" + batchId + "_" + index.ToString(CultureInfo.InvariantCulture);
}
