using System;
using System.Collections.Generic;

namespace BatchGen.Testing;

/// <summary>
/// What the server does instead of answering normally, for the next request(s) it matches:
/// reply with a status, headers and body; wait first; or break the connection mid-body.
/// </summary>
public sealed class Fault
{
    /// <summary>The status to answer with (null: answer normally after <see cref="Delay"/>).</summary>
    public int? Status { get; init; }

    /// <summary>Headers to add, such as <c>retry-after</c> or <c>x-should-retry</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The body to send with <see cref="Status"/>.</summary>
    public string? Body { get; init; }

    /// <summary>
    /// After <see cref="Body"/>, keep streaming this many more bytes of filler (a proxy's endless
    /// page, a body far larger than any client should read); the server stops when the client
    /// goes away or the count is reached.
    /// </summary>
    public long StreamedFillerBytes { get; init; }

    /// <summary>The body's content type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Send the normal response's headers and this many body bytes, then reset the connection.</summary>
    public int? ResetAfterBodyBytes { get; init; }

    /// <summary>Which requests it applies to, by method and path (<c>POST /v1/batches/x/cancel</c>); null: any.</summary>
    public Func<string, string, bool>? Matches { get; init; }

    /// <summary>How many matching requests it applies to.</summary>
    public int Times { get; init; } = 1;

    /// <summary>An error reply in OpenAI's error shape.</summary>
    public static Fault Error(int status, string message, string type = "server_error", string? code = null, IReadOnlyDictionary<string, string>? headers = null, int times = 1)
        => new()
        {
            Status = status,
            Body = FakeJson.Error(message, type, null, code),
            Headers = headers ?? new Dictionary<string, string>(),
            Times = times,
        };
}

/// <summary>One request as the fake server saw it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawTarget">The request target exactly as sent, escapes included (<c>/v1/batches/a%2Fb/cancel</c>).</param>
/// <param name="Headers">The request headers, with <c>Authorization</c> reduced to whether it matched.</param>
/// <param name="Body">The request body.</param>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>When the server received it, on the server's clock (<see cref="FakeBatchServerOptions.Clock"/>).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
