using System;
using System.Collections.Generic;
using System.Threading;

namespace BatchGen;

/// <summary>
/// Settings for one call, over the client's <see cref="ClientOptions"/>: extra headers, a timeout,
/// a retry count, an idempotency key. Every generated operation method takes one.
/// </summary>
public sealed class RequestOptions
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private int? _maxRetries;
    private TimeSpan? _timeout;

    /// <summary>Headers for this call only, sent after the client's (a credential header cannot be set here).</summary>
    public IDictionary<string, string> Headers => _headers;

    /// <summary>The whole-call timeout for this call; null: <see cref="ClientOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set => _timeout = value is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(nameof(value), timeout, "RequestOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).")
            : value;
    }

    /// <summary>Retries for this call; null: <see cref="ClientOptions.MaxRetries"/>.</summary>
    public int? MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "RequestOptions.MaxRetries must be 0 or more.") : value;
    }

    /// <summary>
    /// The <c>Idempotency-Key</c> sent with every attempt of this call (yours, to retry a call
    /// across restarts); null: a fresh key per call, none for GET.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Cancels this call, together with the method's own cancellation token.</summary>
    public CancellationToken CancellationToken { get; set; }
}
