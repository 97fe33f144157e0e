using System;
using System.Collections.Generic;

namespace BatchGen;

/// <summary>
/// How a generated client reaches its API: credentials, address, headers, retries, timeout. What
/// is not set here comes from the client's own environment variables (<c>{PREFIX}_API_KEY</c>,
/// <c>{PREFIX}_BASE_URL</c>, the prefix from the client's name or <c>BatchGenEnvironmentPrefix</c>),
/// then from the spec: two retries, ten minutes per call.
/// </summary>
public sealed class ClientOptions
{
    private Dictionary<string, string> _defaultHeaders = new(StringComparer.OrdinalIgnoreCase);
    private ApiCredentials _credentials = new();
    private TimeProvider _timeProvider = TimeProvider.System;
    private int _maxRetries = 2;
    private TimeSpan _timeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The secret for a spec with one bearer, API-key, OAuth2 or OpenID Connect scheme, sent as that
    /// scheme says. Null: the client's <c>{PREFIX}_API_KEY</c> variable. For HTTP basic, or a spec
    /// with several such schemes, use <see cref="Credentials"/>. Never logged or shown.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Credentials per security scheme, for specs with several schemes or HTTP basic.</summary>
    public ApiCredentials Credentials
    {
        get => _credentials;
        set => _credentials = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The API's base address, path included (<c>https://api.example.com/v1</c>). Null: the
    /// HttpClient's <c>BaseAddress</c>, then the client's <c>{PREFIX}_BASE_URL</c> variable, then the
    /// spec's first server. Credentials are sent only to this address's origin.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Headers sent with every request (after the generated ones; a credential header cannot be replaced here).</summary>
    public IDictionary<string, string> DefaultHeaders => _defaultHeaders;

    /// <summary>How many times a failed call is retried (connection errors, 408, 409, 429, 5xx), 0 or more. Default 2.</summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "ClientOptions.MaxRetries must be 0 or more.") : value;
    }

    /// <summary>The limit for a whole call, retries and backoff included: positive, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>. Default 10 minutes.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set => _timeout = value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "ClientOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).")
            : value;
    }

    /// <summary>The <c>User-Agent</c> header. Default <c>BatchGen/{version}</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// Whether a response that lacks a property the spec marks required fails
    /// (<see cref="ApiResponseFormatException"/>). Default false: the member keeps its default and
    /// the <see cref="Logger"/> hears of it once per operation and property. A value of the wrong
    /// JSON kind fails either way.
    /// </summary>
    public bool StrictResponseReading { get; set; }

    /// <summary>Receives retries and failures; see the BatchGen.Extensions package for an <c>ILogger</c> adapter.</summary>
    public IApiLogger? Logger { get; set; }

    /// <summary>
    /// The clock of the whole-call timeout, the backoff between retries, <c>Retry-After</c> dates
    /// and the waits' polling (unless <see cref="PollingOptions.TimeProvider"/> names another):
    /// the system's by default, a fake one (<c>FakeTimeProvider</c>) in tests.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A deep copy, so a client's settings cannot change under it after construction.</summary>
    public ClientOptions Clone()
    {
        var copy = (ClientOptions)MemberwiseClone();
        copy._defaultHeaders = new Dictionary<string, string>(_defaultHeaders, StringComparer.OrdinalIgnoreCase);
        copy._credentials = _credentials.Clone();
        return copy;
    }

    /// <summary>Describes the options with every secret masked.</summary>
    public override string ToString()
        => $"ClientOptions {{ BaseAddress = {BaseAddress}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, Credentials = {Credentials}, MaxRetries = {MaxRetries}, Timeout = {Timeout} }}";
}

/// <summary>Severity of a <see cref="IApiLogger"/> message.</summary>
public enum ApiLogLevel
{
    /// <summary>Progress detail: a request is sent, a response arrives.</summary>
    Debug,

    /// <summary>Something went wrong and is being retried.</summary>
    Warning,

    /// <summary>A call failed for good.</summary>
    Error,
}

/// <summary>
/// A minimal logging hook, so the runtime needs no logging package. Messages never contain the
/// API key or request headers.
/// </summary>
public interface IApiLogger
{
    /// <summary>Whether messages of <paramref name="level"/> are wanted (skips formatting when not).</summary>
    bool IsEnabled(ApiLogLevel level);

    /// <summary>Records one message.</summary>
    void Log(ApiLogLevel level, string message, Exception? exception);
}
