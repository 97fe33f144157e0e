using System;

namespace BatchGen;

/// <summary>
/// How a generated client reaches its API: key, address, retries, timeout. Defaults follow the
/// official OpenAI SDKs: the key from <c>OPENAI_API_KEY</c>, the address from the spec's first
/// server unless <c>OPENAI_BASE_URL</c> is set, two retries, ten minutes per call.
/// </summary>
public sealed class ClientOptions
{
    /// <summary>The environment variable read for <see cref="ApiKey"/> when it is not set.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The environment variable that overrides the spec's server address.</summary>
    public const string BaseAddressVariable = "OPENAI_BASE_URL";

    /// <summary>The bearer token sent as <c>Authorization</c>. Defaults to <c>OPENAI_API_KEY</c>. Never logged or shown.</summary>
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable(ApiKeyVariable);

    /// <summary>The API's base address, path included (<c>https://api.openai.com/v1</c>). Null: <c>OPENAI_BASE_URL</c>, then the spec's first server.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as <c>OpenAI-Organization</c> when set.</summary>
    public string? Organization { get; set; }

    /// <summary>Sent as <c>OpenAI-Project</c> when set.</summary>
    public string? Project { get; set; }

    /// <summary>How many times a failed call is retried (connection errors, 408, 409, 429, 5xx). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The limit for a whole call, retries and backoff included. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>User-Agent</c> header. Default <c>BatchGen/{version}</c>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Receives retries and failures; see the BatchGen.Extensions package for an <c>ILogger</c> adapter.</summary>
    public IApiLogger? Logger { get; set; }

    /// <summary>A copy, so a client's settings cannot change under it after construction.</summary>
    public ClientOptions Clone() => (ClientOptions)MemberwiseClone();

    /// <summary>Describes the options with the key masked.</summary>
    public override string ToString()
        => $"ClientOptions {{ BaseAddress = {BaseAddress}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, MaxRetries = {MaxRetries}, Timeout = {Timeout} }}";
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
