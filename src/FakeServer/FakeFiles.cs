using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BatchGen.Testing;

/// <summary>One stored file: what was uploaded, or what a batch wrote.</summary>
internal sealed record FakeFile(string Id, long Sequence, string FileName, string Purpose, byte[] Content, DateTimeOffset CreatedAt)
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("object", "file");
        writer.WriteNumber("bytes", Content.LongLength);
        writer.WriteNumber("created_at", CreatedAt.ToUnixTimeSeconds());
        writer.WriteNull("expires_at");
        writer.WriteString("filename", FileName);
        writer.WriteString("purpose", Purpose);
        writer.WriteString("status", "processed");
        writer.WriteNull("status_details");
        writer.WriteEndObject();
    }
}

/// <summary>
/// The Files endpoints as OpenAI serves them: multipart upload with a <c>purpose</c>, list with
/// cursor paging, retrieve, delete, and the content as <c>application/octet-stream</c> (although
/// the spec says JSON: the real server does this too).
/// </summary>
internal sealed class FakeFiles
{
    private static readonly HashSet<string> s_uploadPurposes = new(StringComparer.Ordinal) { "assistants", "batch", "fine-tune", "vision", "user_data", "evals" };

    private readonly ConcurrentDictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private long _sequence;

    public FakeFiles(TimeProvider clock) => _clock = clock;

    public FakeFile? Find(string id) => _files.TryGetValue(id, out var file) ? file : null;

    /// <summary>Stores a file the server made itself (a batch's output), under a given id.</summary>
    public FakeFile Add(string? id, string fileName, string purpose, byte[] content)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        id ??= "file-" + sequence.ToString("D6", CultureInfo.InvariantCulture);
        var file = new FakeFile(id, sequence, fileName, purpose, content, _clock.GetUtcNow());
        _files[id] = file;
        return file;
    }

    public async Task<FakeReply> UploadAsync(string? contentType, byte[] body)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return FakeReply.Invalid("The request must be multipart/form-data.", null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return FakeReply.Invalid("The multipart body has no boundary.", null);
        }

        string? purpose = null;
        string? fileName = null;
        byte[]? content = null;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            for (var section = await reader.ReadNextSectionAsync().ConfigureAwait(false); section is not null; section = await reader.ReadNextSectionAsync().ConfigureAwait(false))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                using var part = new MemoryStream();
                await section.Body.CopyToAsync(part).ConfigureAwait(false);
                if (name == "purpose")
                {
                    purpose = Encoding.UTF8.GetString(part.ToArray());
                }
                else if (name == "file" && disposition.IsFileDisposition())
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "upload";
                    content = part.ToArray();
                }
            }
        }
        catch (IOException ex)
        {
            return FakeReply.Invalid("The multipart body is malformed: " + ex.Message, null);
        }

        if (content is null)
        {
            return FakeReply.Invalid("Missing required parameter: 'file'.", "file");
        }

        if (purpose is null || !s_uploadPurposes.Contains(purpose))
        {
            return FakeReply.Invalid("Invalid value for 'purpose': expected one of " + string.Join(", ", s_uploadPurposes) + ".", "purpose");
        }

        var file = Add(null, fileName!, purpose, content);
        return FakeReply.Json(200, FakeJson.Write(file.WriteTo));
    }

    public FakeReply Retrieve(string id)
        => Find(id) is { } file ? FakeReply.Json(200, FakeJson.Write(file.WriteTo)) : NoSuchFile(id);

    public FakeReply Content(string id)
        => Find(id) is { } file ? new FakeReply(200, "application/octet-stream", file.Content) : NoSuchFile(id);

    public FakeReply Delete(string id)
        => _files.TryRemove(id, out _)
            ? FakeReply.Json(200, FakeJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("object", "file");
                writer.WriteBoolean("deleted", true);
                writer.WriteEndObject();
            }))
            : NoSuchFile(id);

    public FakeReply List(IQueryCollection query)
    {
        var limit = 10000;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 10000))
        {
            return FakeReply.Invalid("Invalid 'limit': expected an integer from 1 to 10000.", "limit");
        }

        var ordered = _files.Values
            .Where(f => !query.TryGetValue("purpose", out var purpose) || f.Purpose == purpose.ToString())
            .OrderBy(f => f.Sequence)
            .ToList();
        if (query["order"].ToString() != "asc")
        {
            ordered.Reverse();
        }

        var start = 0;
        if (query.TryGetValue("after", out var after))
        {
            start = ordered.FindIndex(f => f.Id == after.ToString()) + 1;
            if (start == 0)
            {
                return FakeReply.Invalid($"No file found with id '{after}' for 'after'.", "after");
            }
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        return FakeReply.Json(200, FakeJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var file in page)
            {
                file.WriteTo(writer);
            }

            writer.WriteEndArray();
            FakeJson.WriteNullable(writer, "first_id", page.FirstOrDefault()?.Id);
            FakeJson.WriteNullable(writer, "last_id", page.LastOrDefault()?.Id);
            writer.WriteBoolean("has_more", start + page.Count < ordered.Count);
            writer.WriteEndObject();
        }));
    }

    private static FakeReply NoSuchFile(string id)
        => FakeReply.Json(404, FakeJson.Error($"No such File object: {id}", "invalid_request_error", "id", null));
}

/// <summary>What a route answers: a status, a media type and a body, or a writer that streams it.</summary>
internal sealed record FakeReply(int Status, string ContentType, byte[] Body)
{
    /// <summary>Streams the body instead of <see cref="Body"/> (server-sent events).</summary>
    public Func<HttpResponse, CancellationToken, Task>? Stream { get; init; }

    public static FakeReply Json(int status, string json) => new(status, "application/json", Encoding.UTF8.GetBytes(json));

    public static FakeReply Invalid(string message, string? param)
        => Json(400, FakeJson.Error(message, "invalid_request_error", param, null));

    public static FakeReply NotFound(string message)
        => Json(404, FakeJson.Error(message, "invalid_request_error", null, "unknown_url"));
}
