using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 that records every request exactly as it arrived (target and
/// headers, credentials included: the tests check what was sent where) and answers with what
/// <see cref="Respond"/> says, by default 200 with <c>{}</c>.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Seen> _seen = new();

    private RecordingServer(WebApplication app) => _app = app;

    /// <summary>A form field or file as ASP.NET Core's form reader parsed it.</summary>
    public sealed record FormPart(string Name, string? Value, string? FileName, string? ContentType, byte[]? Content);

    public sealed record Seen(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
    {
        public byte[] Body { get; init; } = Array.Empty<byte>();

        public IReadOnlyList<FormPart> Form { get; init; } = Array.Empty<FormPart>();

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    public Uri Origin { get; private set; } = null!;

    public IReadOnlyList<Seen> Requests => _seen.ToArray();

    /// <summary>An answer: a status, a Location for redirects, a body.</summary>
    public sealed record Answer(int Status, string? Location = null, string? Body = null, string ContentType = "application/json")
    {
        /// <summary>Writes the body itself (after the status and content type are set): streams, trickles, drops.</summary>
        public Func<HttpContext, Task>? Write { get; init; }

        /// <summary>Response headers to send.</summary>
        public Dictionary<string, string> Headers { get; init; } = new();
    }

    /// <summary>Decides the answer; null means 200 <c>{}</c>.</summary>
    public Func<HttpRequest, Answer?> Respond { get; set; } = _ => null;

    public static async Task<RecordingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordingServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Origin = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        request.EnableBuffering();
        using var raw = new MemoryStream();
        await request.Body.CopyToAsync(raw);
        request.Body.Position = 0;
        var form = new List<FormPart>();
        if (request.HasFormContentType)
        {
            var parsed = await request.ReadFormAsync();
            foreach (var field in parsed)
            {
                form.AddRange(field.Value.Select(v => new FormPart(field.Key, v, null, null, null)));
            }

            foreach (var file in parsed.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                form.Add(new FormPart(file.Name, null, file.FileName, file.ContentType, content.ToArray()));
            }
        }

        _seen.Enqueue(new Seen(request.Method, request.Path + request.QueryString, headers) { Body = raw.ToArray(), Form = form });
        var answer = Respond(request);
        if (answer is { } a)
        {
            context.Response.StatusCode = a.Status;
            if (a.Location is not null)
            {
                context.Response.Headers.Location = a.Location;
            }

            foreach (var (name, value) in a.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (a.Write is not null)
            {
                context.Response.ContentType = a.ContentType;
                await a.Write(context);
                return;
            }

            if (a.Body is not null)
            {
                context.Response.ContentType = a.ContentType;
                await context.Response.WriteAsync(a.Body);
            }

            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
