using System;
using System.ComponentModel;

namespace BatchGen;

/// <summary>How a security scheme carries its credential (OpenAPI <c>securitySchemes</c>).</summary>
public enum SecuritySchemeKind
{
    /// <summary><c>type: http, scheme: bearer</c>: <c>Authorization: Bearer …</c>.</summary>
    HttpBearer,

    /// <summary><c>type: http, scheme: basic</c>: <c>Authorization: Basic base64(user:password)</c>.</summary>
    HttpBasic,

    /// <summary><c>type: apiKey</c>: the key as is, in a named header, query parameter or cookie.</summary>
    ApiKey,

    /// <summary><c>type: oauth2</c>: an access token the caller obtains, sent as a bearer token.</summary>
    OAuth2,

    /// <summary><c>type: openIdConnect</c>: an ID or access token the caller obtains, sent as a bearer token.</summary>
    OpenIdConnect,
}

/// <summary>Where an <see cref="SecuritySchemeKind.ApiKey"/> goes.</summary>
public enum ApiKeyLocation
{
    /// <summary>A request header.</summary>
    Header,

    /// <summary>A query parameter.</summary>
    Query,

    /// <summary>A cookie.</summary>
    Cookie,
}

/// <summary>One of the spec's security schemes, as the generated client describes it to the runtime.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SecurityScheme
{
    private SecurityScheme(string name, SecuritySchemeKind kind, ApiKeyLocation location, string? parameterName)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Location = location;
        ParameterName = parameterName;
    }

    /// <summary>The scheme's key under <c>components.securitySchemes</c>.</summary>
    public string Name { get; }

    /// <summary>How the scheme carries its credential.</summary>
    public SecuritySchemeKind Kind { get; }

    /// <summary>Where an API key goes (header for the others).</summary>
    public ApiKeyLocation Location { get; }

    /// <summary>The header, query parameter or cookie name of an API key.</summary>
    public string? ParameterName { get; }

    /// <summary>Whether a single secret string (<see cref="ClientOptions.ApiKey"/>) can serve this scheme.</summary>
    public bool TakesKey => Kind != SecuritySchemeKind.HttpBasic;

    /// <summary>An HTTP bearer scheme.</summary>
    public static SecurityScheme HttpBearer(string name) => new(name, SecuritySchemeKind.HttpBearer, ApiKeyLocation.Header, null);

    /// <summary>An HTTP basic scheme.</summary>
    public static SecurityScheme HttpBasic(string name) => new(name, SecuritySchemeKind.HttpBasic, ApiKeyLocation.Header, null);

    /// <summary>An API key in a header, query parameter or cookie named <paramref name="parameterName"/>.</summary>
    public static SecurityScheme ApiKey(string name, ApiKeyLocation location, string parameterName)
        => new(name, SecuritySchemeKind.ApiKey, location, parameterName ?? throw new ArgumentNullException(nameof(parameterName)));

    /// <summary>An OAuth2 scheme: the caller's access token, as a bearer token.</summary>
    public static SecurityScheme OAuth2(string name) => new(name, SecuritySchemeKind.OAuth2, ApiKeyLocation.Header, null);

    /// <summary>An OpenID Connect scheme: the caller's token, as a bearer token.</summary>
    public static SecurityScheme OpenIdConnect(string name) => new(name, SecuritySchemeKind.OpenIdConnect, ApiKeyLocation.Header, null);

    /// <summary>The scheme's name and kind; never a credential.</summary>
    public override string ToString() => Kind == SecuritySchemeKind.ApiKey ? $"{Name} (API key in {Location.ToString().ToLowerInvariant()} '{ParameterName}')" : $"{Name} ({Kind})";
}
