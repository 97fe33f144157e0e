using System.Net;
using System.Net.Http.Headers;

namespace BatchGen;

/// <summary>A successful response: the typed body with the status, headers and request id it came with.</summary>
public sealed class ApiResponse<T>
{
    /// <summary>Creates the response.</summary>
    public ApiResponse(T value, HttpStatusCode statusCode, HttpResponseHeaders headers, int retryCount)
    {
        Value = value;
        StatusCode = statusCode;
        Headers = headers;
        RetryCount = retryCount;
    }

    /// <summary>The deserialized body.</summary>
    public T Value { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>How many retries it took (0 when the first attempt succeeded).</summary>
    public int RetryCount { get; }

    /// <summary>The server's request id (<c>x-request-id</c>), for support requests.</summary>
    public string? RequestId => HeaderReader.RequestId(Headers);
}
