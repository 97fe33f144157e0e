using System;
using System.Net;
using System.Net.Http;

namespace BatchGen;

/// <summary>Maps an error response to the exception for its status, with the server's message or a description of the body.</summary>
internal static class ApiExceptionFactory
{
    public static ApiException Create(HttpResponseMessage response, ErrorBody error, TimeSpan? retryAfter, bool credentialSent)
    {
        var status = response.StatusCode;
        var requestId = HeaderReader.RequestId(response.Headers);
        var message = error.Message;
        if (string.IsNullOrWhiteSpace(message))
        {
            var snippet = Snippet(error.Body);
            message = $"HTTP {(int)status} {response.ReasonPhrase ?? status.ToString()}" + (snippet.Length == 0 ? " with an empty body." : $": {snippet}");
        }

        if (status == HttpStatusCode.Unauthorized && !credentialSent)
        {
            message += $" No API key was sent: set ClientOptions.ApiKey or the {ClientOptions.ApiKeyVariable} environment variable.";
        }

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
            _ => new ApiException(message!, status, requestId, error.Type, error.Code, error.Param, error.Body, response.Headers),
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
