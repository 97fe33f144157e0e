using System;
using System.Net;
using System.Net.Http.Headers;

namespace BatchGen;

/// <summary>
/// The root of everything a call can throw once it has started: an error status
/// (<see cref="ApiStatusException"/> and its kinds), a connection that failed or broke
/// (<see cref="ApiConnectionException"/>), a timeout (<see cref="ApiTimeoutException"/>), or a body
/// that is not what the spec says (<see cref="ApiResponseFormatException"/>). One <c>catch</c>
/// covers any failure of a call. Not thrown for argument checks made before anything is sent
/// (<see cref="ArgumentException"/>), nor for the caller's own cancellation
/// (<see cref="OperationCanceledException"/>).
/// </summary>
public abstract class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ApiException(string message, Exception? innerException, string? requestId)
        : base(message, innerException)
    {
        RequestId = requestId;
    }

    /// <summary>The server's request id (<c>x-request-id</c>), for support requests; null when no response came.</summary>
    public string? RequestId { get; }
}

/// <summary>
/// The server answered with an error status. <see cref="Exception.Message"/> is the server's own
/// message when its body has one where error bodies commonly put it (<c>error.message</c>,
/// <c>message</c>, <c>detail</c>, <c>title</c>, <c>error</c>); otherwise it describes the status and
/// the start of the body. <see cref="Error"/> is the body as the spec's error schema.
/// </summary>
public class ApiStatusException : ApiException
{
    /// <summary>Creates the exception from what the server sent.</summary>
    public ApiStatusException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, null, requestId)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorCode = errorCode;
        ErrorParam = errorParam;
        ResponseBody = responseBody;
        Headers = headers;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary><c>error.type</c> from the body, such as <c>invalid_request_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary><c>error.code</c> from the body, such as <c>insufficient_quota</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary><c>error.param</c> from the body: the parameter at fault.</summary>
    public string? ErrorParam { get; }

    /// <summary>The raw response body (up to 64 KiB), whatever its shape.</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// The body read as the error schema the spec declares for this status (the generated type,
    /// such as <c>ErrorResponse</c>), or null when it declares none or the body does not match it.
    /// </summary>
    public object? Error { get; internal set; }

    /// <summary>The typed <see cref="Error"/>, when it is a <typeparamref name="T"/>.</summary>
    public bool TryGetError<T>(out T error)
    {
        if (Error is T typed)
        {
            error = typed;
            return true;
        }

        error = default!;
        return false;
    }

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>The status, request id and message, for logs.</summary>
    public override string ToString()
        => $"{GetType().FullName}: {(int)StatusCode} {StatusCode}{(RequestId is null ? string.Empty : $" (request {RequestId})")}: {Message}";
}

/// <summary>HTTP 400: the request was malformed or invalid.</summary>
public sealed class BadRequestException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public BadRequestException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 401: the API key is missing or wrong.</summary>
public sealed class AuthenticationException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public AuthenticationException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 403: the key may not do this.</summary>
public sealed class PermissionDeniedException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public PermissionDeniedException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 404: no such resource.</summary>
public sealed class NotFoundException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public NotFoundException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 409: the resource is in a state that does not allow this.</summary>
public sealed class ConflictException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public ConflictException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 422: the request was well-formed but could not be processed.</summary>
public sealed class UnprocessableEntityException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public UnprocessableEntityException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>HTTP 429: rate limited, or out of quota (<see cref="ApiStatusException.ErrorCode"/> <c>insufficient_quota</c>).</summary>
public sealed class RateLimitException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public RateLimitException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers, TimeSpan? retryAfter)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
        => RetryAfter = retryAfter;

    /// <summary>How long the server asked to wait, when it said (<c>retry-after-ms</c> or <c>retry-after</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>HTTP 500 or above: the server failed.</summary>
public sealed class InternalServerException : ApiStatusException
{
    /// <inheritdoc cref="ApiStatusException(string, HttpStatusCode, string?, string?, string?, string?, string?, HttpResponseHeaders?)"/>
    public InternalServerException(string message, HttpStatusCode statusCode, string? requestId, string? errorType, string? errorCode, string? errorParam, string? responseBody, HttpResponseHeaders? headers)
        : base(message, statusCode, requestId, errorType, errorCode, errorParam, responseBody, headers)
    {
    }
}

/// <summary>The server could not be reached, or the connection broke before a full response arrived.</summary>
public sealed class ApiConnectionException : ApiException
{
    /// <summary>Creates the exception.</summary>
    public ApiConnectionException(string message, Exception? innerException)
        : base(message, innerException, null)
    {
    }
}

/// <summary>
/// The call ran past <see cref="ClientOptions.Timeout"/> (or the HttpClient's own timeout, or a
/// wait's <see cref="PollingOptions.Timeout"/>). Distinct from the caller's cancellation, which
/// surfaces as <see cref="OperationCanceledException"/>. Its inner exception, when the clock ran
/// out during an HTTP call, is the cancellation or <see cref="TimeoutException"/> that stopped it.
/// </summary>
public sealed class ApiTimeoutException : ApiException
{
    /// <summary>Creates the exception.</summary>
    public ApiTimeoutException(string message, Exception? innerException)
        : base(message, innerException, null)
    {
    }
}

/// <summary>A success response whose body is not what the spec says (invalid JSON, wrong types).</summary>
public sealed class ApiResponseFormatException : ApiException
{
    /// <summary>Creates the exception.</summary>
    public ApiResponseFormatException(string message, string operationId, string? jsonPath, string? requestId, Exception? innerException)
        : base(message, innerException, requestId)
    {
        OperationId = operationId;
        JsonPath = jsonPath;
    }

    /// <summary>The operation whose response could not be read.</summary>
    public string OperationId { get; }

    /// <summary>Where in the body reading failed (<c>$.request_counts.total</c>).</summary>
    public string? JsonPath { get; }
}
