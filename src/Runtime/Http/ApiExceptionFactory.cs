using System;
using System.Net;
using System.Net.Http;

namespace BatchGen;

/// <summary>Maps an error response to the exception for its status, with the server's message or a description of the body.</summary>
internal static class ApiExceptionFactory
{
    /// <summary>The exception for <paramref name="response"/>.</summary>
    /// <param name="response">The error response.</param>
    /// <param name="error">What its body said.</param>
    /// <param name="retryAfter">The wait the server asked for, for <see cref="RateLimitException.RetryAfter"/>.</param>
    /// <param name="missingCredential">Why no credential was sent, when that may explain a 401; else empty.</param>
    public static ApiStatusException Create(HttpResponseMessage response, ErrorBody error, TimeSpan? retryAfter, string missingCredential)
    {
        var status = response.StatusCode;
        var requestId = HeaderReader.RequestId(response.Headers);
        var message = error.Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            var snippet = Snippet(error.Body);
            message = $"HTTP {(int)status} {response.ReasonPhrase ?? status.ToString()}" + (snippet.Length == 0 ? " with an empty body." : $": {snippet}");
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            message += missingCredential;
        }

        var exception = Create(response, error, retryAfter, status, requestId, message!);
        exception.Error = error.Value;
        return exception;
    }

    private static ApiStatusException Create(HttpResponseMessage response, ErrorBody error, TimeSpan? retryAfter, HttpStatusCode status, string? requestId, string message)
    {
        return (int)status switch
        {
            400 => new BadRequestException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            401 => new AuthenticationException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            403 => new PermissionDeniedException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            404 => new NotFoundException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            409 => new ConflictException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            422 => new UnprocessableEntityException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            429 => new RateLimitException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers, retryAfter),
            >= 500 => new InternalServerException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
            _ => new ApiStatusException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
        };
    }

    /// <summary>The start of a body, white space collapsed, for a message.</summary>
    private static string Snippet(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var collapsed = string.Join(" ", body!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length > 200 ? collapsed.Substring(0, 200) + "…" : collapsed;
    }
}
