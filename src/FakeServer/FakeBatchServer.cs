using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BatchGen.Testing;

/// <summary>
/// A fake of the OpenAI Batch API over real HTTP on 127.0.0.1, under <c>/v1</c>: the batch
/// endpoints with a state machine on a configurable clock; the Files endpoints (multipart upload,
/// list, retrieve, delete, content as <c>application/octet-stream</c>); batches that read their
/// uploaded JSONL input and write an output file (one echoed chat completion per valid line) and
/// an error file (one line per invalid line); an echoing chat-completions endpoint that streams
/// server-sent events under <c>"stream": true</c>; bearer authentication, OpenAI's error shape,
/// and fault injection (error replies, delays, connections reset mid-body). For BatchGen's own
/// tests, its sample, and your tests of code that calls the Batch API.
/// </summary>
public sealed class FakeBatchServer : IAsyncDisposable
{
    private static readonly HashSet<string> s_endpoints = new(StringComparer.Ordinal)
    {
        "/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations",
        "/v1/images/generations", "/v1/images/edits", "/v1/videos",
    };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeBatch> _batches = new(StringComparer.Ordinal);
    private readonly FakeFiles _files;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(Fault Fault, int Remaining)> _faults = new();
    private long _sequence;
    private long _requestCounter;

    private FakeBatchServer(WebApplication app, FakeBatchServerOptions options)
    {
        _app = app;
        Options = options;
        _files = new FakeFiles(options.Clock);
    }

    /// <summary>The server's settings.</summary>
    public FakeBatchServerOptions Options { get; }

    /// <summary>The API's base address, <c>http://127.0.0.1:{port}/v1</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The key the server accepts.</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a server on a free port of 127.0.0.1.</summary>
    public static async Task<FakeBatchServer> StartAsync(FakeBatchServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeBatchServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var server = new FakeBatchServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is Microsoft.AspNetCore.Hosting.Server.IServer s
            ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("Kestrel did not report its address.");
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    /// <summary>Applies <paramref name="fault"/> to the next <see cref="Fault.Times"/> matching requests.</summary>
    public void Inject(Fault fault)
    {
        lock (_faults)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    /// <summary>Forgets injected faults and recorded requests (batches are kept).</summary>
    public void Reset()
    {
        lock (_faults)
        {
            _faults.Clear();
        }

        while (_requests.TryDequeue(out _))
        {
        }
    }

    /// <summary>Adds a batch directly, as if created at the clock's current time; returns its id.</summary>
    public string Seed(string? id = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        id ??= "batch_" + sequence.ToString("D6", CultureInfo.InvariantCulture);
        _batches[id] = new FakeBatch(id, sequence, "file-seeded", "/v1/chat/completions", "24h", metadata, Options.Clock.GetUtcNow(), Options);
        return id;
    }

    /// <summary>Stores a file as if uploaded with <paramref name="purpose"/>; returns its id.</summary>
    public string SeedFile(string fileName, byte[] content, string purpose = "batch")
        => _files.Add(null, fileName, purpose, content ?? throw new ArgumentNullException(nameof(content))).Id;

    /// <summary>The content of a stored file, or null if there is no such file.</summary>
    public byte[]? FileContent(string id) => _files.Find(id)?.Content;

    /// <summary>The status a batch has now, or null if there is no such batch.</summary>
    public string? StatusOf(string id)
        => _batches.TryGetValue(id, out var batch) ? batch.StatusAt(Options.Clock.GetUtcNow()) : null;

    /// <summary>Writes <paramref name="count"/> bytes of filler, stopping early (quietly) when the client disconnects.</summary>
    private static async Task StreamFillerAsync(HttpResponse response, long count, CancellationToken aborted)
    {
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'x');
        try
        {
            for (long sent = 0; sent < count && !aborted.IsCancellationRequested; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, count - sent)), aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException)
        {
            // The client stopped reading: what this fault is for.
        }
    }

    private Fault? TakeFault(string method, string path)
    {
        lock (_faults)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (fault.Matches is null || fault.Matches(method, path))
                {
                    if (remaining <= 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (fault, remaining - 1);
                    }

                    return fault;
                }
            }
        }

        return null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToString();
        var path = rawTarget.Split('?')[0];
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        var authorized = request.Headers.Authorization.ToString() == "Bearer " + Options.ApiKey;
        var headers = request.Headers.ToDictionary(
            h => h.Key,
            h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? (authorized ? "(valid)" : "(invalid)") : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(request.Method, rawTarget, headers, Encoding.UTF8.GetString(body)) { ReceivedAt = Options.Clock.GetUtcNow() });

        var response = context.Response;
        response.Headers["x-request-id"] = "req_" + Interlocked.Increment(ref _requestCounter).ToString("D8", CultureInfo.InvariantCulture);

        var fault = TakeFault(request.Method, path);
        if (fault is not null)
        {
            if (fault.Delay > TimeSpan.Zero)
            {
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
            }

            if (fault.Status is { } status)
            {
                foreach (var header in fault.Headers)
                {
                    response.Headers[header.Key] = header.Value;
                }

                response.StatusCode = status;
                response.ContentType = fault.ContentType;
                await response.WriteAsync(fault.Body ?? string.Empty, context.RequestAborted).ConfigureAwait(false);
                await StreamFillerAsync(response, fault.StreamedFillerBytes, context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }

        var reply = authorized
            ? await RouteAsync(request.Method, path, request.Query, request.ContentType, body).ConfigureAwait(false)
            : FakeReply.Json(401, FakeJson.Error("Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key"));

        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        if (reply.Stream is { } stream)
        {
            await stream(response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var bytes = reply.Body;
        if (fault?.ResetAfterBodyBytes is { } cut)
        {
            // Promise the whole body, send part of it, then drop the connection.
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes.AsMemory(0, Math.Min(cut, bytes.Length)), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<FakeReply> RouteAsync(string method, string path, IQueryCollection query, string? contentType, byte[] body)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var unknown = FakeReply.NotFound($"Unknown request URL: {method} {path}.");
        if (segments.Length < 2 || segments[0] != "v1")
        {
            return unknown;
        }

        switch (segments[1])
        {
            case "files":
                return (method, segments.Length) switch
                {
                    ("POST", 2) => await _files.UploadAsync(contentType, body).ConfigureAwait(false),
                    ("GET", 2) => _files.List(query),
                    ("GET", 3) => _files.Retrieve(segments[2]),
                    ("DELETE", 3) => _files.Delete(segments[2]),
                    ("GET", 4) when segments[3] == "content" => _files.Content(segments[2]),
                    _ => unknown,
                };
            case "chat" when method == "POST" && segments.Length == 3 && segments[2] == "completions":
                return FakeChat.Complete(body, Options.Clock.GetUtcNow());
            case "batches":
                return (method, segments.Length) switch
                {
                    ("POST", 2) => Reply(Create(Encoding.UTF8.GetString(body))),
                    ("GET", 2) => Reply(List(query)),
                    ("GET", 3) => Reply(Retrieve(segments[2])),
                    ("POST", 4) when segments[3] == "cancel" => Reply(Cancel(segments[2])),
                    _ => unknown,
                };
            default:
                return unknown;
        }
    }

    private static FakeReply Reply((int Status, string Json) answer) => FakeReply.Json(answer.Status, answer.Json);

    /// <summary>
    /// Once a batch with real input has settled, its output and error files exist: the answered
    /// requests and the invalid lines. Written once, when the batch is first seen settled.
    /// </summary>
    private void WriteOutputs(FakeBatch batch, DateTimeOffset now)
    {
        if (batch.Input is not { } input || !batch.HasOutputAt(now) || _files.Find(batch.OutputFileId) is not null)
        {
            return;
        }

        lock (batch)
        {
            if (_files.Find(batch.OutputFileId) is not null)
            {
                return;
            }

            if (input.InvalidCount > 0)
            {
                _files.Add(batch.ErrorFileId, batch.Id + "_error.jsonl", "batch_output", input.Errors(batch.Id));
            }

            _files.Add(batch.OutputFileId, batch.Id + "_output.jsonl", "batch_output", input.Output(batch.Id, batch.Endpoint, (int)batch.CompletedRequests(now), now));
        }
    }

    /// <summary>Writes a batch as it is now, its output files first if it has just settled.</summary>
    private string Write(FakeBatch batch, DateTimeOffset now)
    {
        WriteOutputs(batch, now);
        return FakeJson.Write(writer => batch.WriteTo(writer, now));
    }

    private static (int, string) Invalid(string message, string? param) => (400, FakeJson.Error(message, "invalid_request_error", param, null));

    private (int, string) Create(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Invalid("We could not parse the JSON body of your request.", null);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The request body must be a JSON object.", null);
        }

        if (!root.TryGetProperty("input_file_id", out var file) || file.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(file.GetString()))
        {
            return Invalid("Missing required parameter: 'input_file_id'.", "input_file_id");
        }

        if (!root.TryGetProperty("endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String || !s_endpoints.Contains(endpoint.GetString()!))
        {
            return Invalid("Invalid value for 'endpoint': expected one of " + string.Join(", ", s_endpoints) + ".", "endpoint");
        }

        if (!root.TryGetProperty("completion_window", out var window) || window.GetString() != "24h")
        {
            return Invalid("Invalid value for 'completion_window': only '24h' is supported.", "completion_window");
        }

        Dictionary<string, string>? metadata = null;
        if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in meta.EnumerateObject())
            {
                if (pair.Value.ValueKind != JsonValueKind.String)
                {
                    return Invalid($"Invalid type for 'metadata.{pair.Name}': expected a string.", "metadata");
                }

                metadata[pair.Name] = pair.Value.GetString()!;
            }

            if (metadata.Count > 16)
            {
                return Invalid("Invalid 'metadata': at most 16 keys are allowed.", "metadata");
            }
        }

        var sequence = Interlocked.Increment(ref _sequence);
        var id = "batch_" + sequence.ToString("D6", CultureInfo.InvariantCulture);
        // A file the server holds is read as the API reads it; another id keeps made-up counts.
        var input = _files.Find(file.GetString()!) is { } inputFile ? FakeBatchInput.Read(inputFile.Content, endpoint.GetString()!) : null;
        var batch = new FakeBatch(id, sequence, file.GetString()!, endpoint.GetString()!, "24h", metadata, Options.Clock.GetUtcNow(), Options, input);
        _batches[id] = batch;
        return (200, Write(batch, Options.Clock.GetUtcNow()));
    }

    private (int, string) Retrieve(string id)
        => _batches.TryGetValue(id, out var batch)
            ? (200, Write(batch, Options.Clock.GetUtcNow()))
            : (404, FakeJson.Error($"No batch found with id '{id}'.", "invalid_request_error", null, null));

    private (int, string) Cancel(string id)
    {
        if (!_batches.TryGetValue(id, out var batch))
        {
            return (404, FakeJson.Error($"No batch found with id '{id}'.", "invalid_request_error", null, null));
        }

        var now = Options.Clock.GetUtcNow();
        var blocking = batch.TryCancel(now);
        if (blocking is not null)
        {
            return (400, FakeJson.Error($"Cannot cancel a batch with status '{blocking}'.", "invalid_request_error", null, null));
        }

        return (200, Write(batch, now));
    }

    private (int, string) List(IQueryCollection query)
    {
        var limit = 20;
        if (query.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 100))
        {
            return Invalid("Invalid 'limit': expected an integer from 1 to 100.", "limit");
        }

        // Newest first, as the real API lists them.
        var ordered = _batches.Values.OrderByDescending(b => b.Sequence).ToList();
        var start = 0;
        if (query.TryGetValue("after", out var after))
        {
            var index = ordered.FindIndex(b => b.Id == after.ToString());
            if (index < 0)
            {
                return Invalid($"No batch found with id '{after}' for 'after'.", "after");
            }

            start = index + 1;
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        var now = Options.Clock.GetUtcNow();
        return (200, FakeJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var batch in page)
            {
                WriteOutputs(batch, now);
                batch.WriteTo(writer, now);
            }

            writer.WriteEndArray();
            FakeJson.WriteNullable(writer, "first_id", page.FirstOrDefault()?.Id);
            FakeJson.WriteNullable(writer, "last_id", page.LastOrDefault()?.Id);
            writer.WriteBoolean("has_more", start + page.Count < ordered.Count);
            writer.WriteEndObject();
        }));
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
