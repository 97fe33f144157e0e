using System;

namespace BatchGen;

/// <summary>The pipeline's messages to <see cref="ClientOptions.Logger"/>; none is formatted unless its level is wanted.</summary>
internal sealed class PipelineLog
{
    private readonly IApiLogger? _logger;

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
            Log(ApiLogLevel.Warning, $"{request.OperationId} attempt {attempt + 1} failed ({Describe(failure)}); retrying in {delay.TotalMilliseconds:0} ms", failure is ApiException ? null : failure);
        }
    }

    private static string Describe(Exception failure) => failure switch
    {
        ApiException api => $"HTTP {(int)api.StatusCode}",
        OperationCanceledException => "HttpClient timeout",
        _ => failure.GetType().Name + ": " + failure.Message,
    };
}
