using System.Net;
using System.Net.Http.Headers;

namespace BatchGen;

/// <summary>A successful response: the typed body with the status, headers and request id it came with.</summary>
public sealed class ApiResponse<T>
{
    private readonly string? _requestId;

    /// <summary>Creates the response from what the server sent.</summary>
    public ApiResponse(T value, HttpStatusCode statusCode, HttpResponseHeaders headers, int retryCount)
    {
        Value = value;
        StatusCode = statusCode;
        Headers = headers;
        RetryCount = retryCount;
    }

    /// <summary>A response made without a server, for tests and fakes of the operation interfaces.</summary>
    public ApiResponse(T value, HttpStatusCode statusCode = HttpStatusCode.OK, string? requestId = null, int retryCount = 0)
    {
        Value = value;
        StatusCode = statusCode;
        _requestId = requestId;
        RetryCount = retryCount;
    }

    /// <summary>The deserialized body.</summary>
    public T Value { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response headers; null for a response made in a test.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>How many retries it took (0 when the first attempt succeeded).</summary>
    public int RetryCount { get; }

    /// <summary>The server's request id (<c>x-request-id</c>), for support requests.</summary>
    public string? RequestId => Headers is { } headers ? HeaderReader.RequestId(headers) : _requestId;
}
