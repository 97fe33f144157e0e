using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace BatchGen;

/// <summary>
/// Conventions some servers follow beyond OpenAPI and HTTP: extra retry headers, error codes that
/// must not be retried, headers filled from the environment. A client follows none unless its
/// project's metadata names a set (<c>BatchGenConventions="OpenAI"</c>), so a client for one API
/// never sends another API's headers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiConventions
{
    /// <summary>Plain HTTP: <c>Retry-After</c> only.</summary>
    public static readonly ApiConventions None = new(false, false, Array.Empty<string>(), new Dictionary<string, string>());

    /// <summary>
    /// OpenAI's, as its official SDKs implement them: <c>retry-after-ms</c>, <c>x-should-retry</c>,
    /// no retry for <c>insufficient_quota</c>, <c>OpenAI-Organization</c>/<c>OpenAI-Project</c>
    /// from <c>OPENAI_ORG_ID</c>/<c>OPENAI_PROJECT_ID</c>, and multipart arrays and objects in
    /// bracket notation.
    /// </summary>
    public static readonly ApiConventions OpenAI = new(
        retryAfterMilliseconds: true,
        shouldRetryHeader: true,
        nonRetryableErrorCodes: new[] { "insufficient_quota" },
        headersFromEnvironment: new Dictionary<string, string> { ["OpenAI-Organization"] = "OPENAI_ORG_ID", ["OpenAI-Project"] = "OPENAI_PROJECT_ID" },
        bracketedMultipartNames: true);

    /// <summary>A set of conventions; see the properties.</summary>
    public ApiConventions(bool retryAfterMilliseconds, bool shouldRetryHeader, IReadOnlyList<string> nonRetryableErrorCodes, IReadOnlyDictionary<string, string> headersFromEnvironment, bool bracketedMultipartNames = false)
    {
        RetryAfterMilliseconds = retryAfterMilliseconds;
        ShouldRetryHeader = shouldRetryHeader;
        NonRetryableErrorCodes = nonRetryableErrorCodes;
        HeadersFromEnvironment = headersFromEnvironment;
        BracketedMultipartNames = bracketedMultipartNames;
    }

    /// <summary>
    /// Multipart arrays as <c>name[]</c> parts and nested objects as <c>name[key]</c> parts (as
    /// OpenAI's SDKs send them and its server and Prism read them), instead of OpenAPI's default
    /// of repeated <c>name</c> parts and one JSON part.
    /// </summary>
    public bool BracketedMultipartNames { get; }

    /// <summary>Honour <c>retry-after-ms</c> (before <c>Retry-After</c>).</summary>
    public bool RetryAfterMilliseconds { get; }

    /// <summary>Honour <c>x-should-retry: true|false</c> over the status.</summary>
    public bool ShouldRetryHeader { get; }

    /// <summary>Error codes (<c>error.code</c>) that are never retried, whatever the status.</summary>
    public IReadOnlyList<string> NonRetryableErrorCodes { get; }

    /// <summary>Headers sent when the environment variable named beside them is set (and the options do not set the header).</summary>
    public IReadOnlyDictionary<string, string> HeadersFromEnvironment { get; }
}
