using System;
using System.Net.Http;
#if NET8_0_OR_GREATER
using System.Diagnostics;
#endif

namespace BatchGen;

/// <summary>
/// One <c>ActivitySource("BatchGen")</c> activity per call, tagged with the operation id, status,
/// retry count and request id. Never tagged with headers, so the API key cannot leak into traces.
/// (On netstandard2.0 this is a no-op: ActivitySource would need an extra package there.)
/// </summary>
internal readonly struct Telemetry : IDisposable
{
    public const string SourceName = "BatchGen";

#if NET8_0_OR_GREATER
    private static readonly ActivitySource s_source = new(SourceName, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));
    private readonly Activity? _activity;

    private Telemetry(Activity? activity) => _activity = activity;

    public static Telemetry Start(ApiRequest request, Uri uri)
    {
        var activity = s_source.StartActivity(request.OperationId, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("batchgen.operation_id", request.OperationId);
            activity.SetTag("http.request.method", request.Method);
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
            activity.SetTag("server.address", uri.Host);
        }

        return new Telemetry(activity);
    }

    public void Response(HttpResponseMessage response, int retryCount)
    {
        if (_activity is null)
        {
            return;
        }

        _activity.SetTag("http.response.status_code", (int)response.StatusCode);
        _activity.SetTag("batchgen.retry_count", retryCount);
        _activity.SetTag("batchgen.request_id", HeaderReader.RequestId(response.Headers)); // x-request-id, which many APIs send
    }

    public void Failed(Exception exception, int retryCount)
    {
        if (_activity is null)
        {
            return;
        }

        _activity.SetTag("batchgen.retry_count", retryCount);
        _activity.SetTag("error.type", exception.GetType().FullName);
        _activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    public void Dispose() => _activity?.Dispose();
#else
    public static Telemetry Start(ApiRequest request, Uri uri) => default;

    public void Response(HttpResponseMessage response, int retryCount)
    {
    }

    public void Failed(Exception exception, int retryCount)
    {
    }

    public void Dispose()
    {
    }
#endif
}
