using System;
using System.Collections.Generic;

namespace BatchGen;

/// <summary>The pipeline's messages to <see cref="ClientOptions.Logger"/>; none is formatted unless its level is wanted.</summary>
internal sealed class PipelineLog
{
    private readonly IApiLogger? _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _reportedMissing = new(StringComparer.Ordinal);

    public PipelineLog(IApiLogger? logger) => _logger = logger;

    public bool IsEnabled(ApiLogLevel level) => _logger is { } logger && logger.IsEnabled(level);

    public void Log(ApiLogLevel level, string message, Exception? exception = null)
    {
        if (_logger is { } logger && logger.IsEnabled(level))
        {
            logger.Log(level, message, exception);
        }
    }

    public void Sending(ApiRequest request, Uri uri, int attempt)
    {
        if (IsEnabled(ApiLogLevel.Debug))
        {
            Log(ApiLogLevel.Debug, $"{request.OperationId}: {request.Method} {uri.AbsolutePath} (attempt {attempt + 1})");
        }
    }

    public void Retrying(ApiRequest request, int attempt, Exception failure, TimeSpan delay)
    {
        if (IsEnabled(ApiLogLevel.Warning))
        {
            Log(ApiLogLevel.Warning, $"{request.OperationId} attempt {attempt + 1} failed ({Describe(failure)}); retrying in {delay.TotalMilliseconds:0} ms", failure is ApiStatusException ? null : failure);
        }
    }

    /// <summary>A response lacked required properties: each (operation, property) is reported once for the client's life.</summary>
    public void MissingRequired(ApiRequest request, IReadOnlyList<string> missing)
    {
        foreach (var property in missing)
        {
            if (_reportedMissing.TryAdd(request.OperationId + " " + property, true))
            {
                Log(ApiLogLevel.Warning, $"{request.OperationId}: the response lacks {property}, which the spec marks required; it was read as its default. (Reported once; ClientOptions.StrictResponseReading makes this an error.)");
            }
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        ApiStatusException api => $"HTTP {(int)api.StatusCode}",
        OperationCanceledException => "HttpClient timeout",
        _ => failure.GetType().Name + ": " + failure.Message,
    };
}
