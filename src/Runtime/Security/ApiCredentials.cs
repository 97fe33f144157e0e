using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// The secrets for a client's security schemes, by scheme name (the generated client lists the
/// names as constants in its nested <c>SecuritySchemeNames</c> class). A secret is sent only for the
/// schemes an operation's <c>security</c> asks for, and only to the client's own origin. Nothing
/// here is ever logged, traced or shown: <see cref="ToString"/> names the schemes only.
/// </summary>
public sealed class ApiCredentials
{
    private readonly Dictionary<string, Credential> _byScheme = new(StringComparer.Ordinal);

    /// <summary>A bearer token, API key, or OAuth2/OpenID Connect access token for <paramref name="scheme"/>, sent as the scheme says.</summary>
    public ApiCredentials SetKey(string scheme, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("The key must not be empty.", nameof(key));
        }

        _byScheme[Require(scheme)] = new Credential(key, null, null);
        return this;
    }

    /// <summary>A user name and password for an HTTP basic <paramref name="scheme"/>.</summary>
    public ApiCredentials SetBasic(string scheme, string userName, string password)
    {
        if (userName is null || userName.IndexOf(':') >= 0)
        {
            throw new ArgumentException("The user name must not be null or contain ':' (RFC 7617).", nameof(userName));
        }

        _byScheme[Require(scheme)] = new Credential(null, (userName, password ?? throw new ArgumentNullException(nameof(password))), null);
        return this;
    }

    /// <summary>
    /// A token obtained anew for each request (an OAuth2 or OpenID Connect access token that
    /// expires): <paramref name="provider"/> is called before every attempt; cache in it as needed.
    /// </summary>
    public ApiCredentials SetTokenProvider(string scheme, Func<CancellationToken, ValueTask<string>> provider)
    {
        _byScheme[Require(scheme)] = new Credential(null, null, provider ?? throw new ArgumentNullException(nameof(provider)));
        return this;
    }

    /// <summary>Forgets the credential of <paramref name="scheme"/>.</summary>
    public bool Remove(string scheme) => _byScheme.Remove(scheme);

    /// <summary>Whether a credential is set for <paramref name="scheme"/>.</summary>
    public bool Contains(string scheme) => _byScheme.ContainsKey(scheme);

    /// <summary>The schemes with a credential, never the credentials.</summary>
    public IReadOnlyCollection<string> Schemes => _byScheme.Keys.ToList();

    internal bool TryGet(string scheme, out Credential credential) => _byScheme.TryGetValue(scheme, out credential!);

    internal ApiCredentials Clone()
    {
        var copy = new ApiCredentials();
        foreach (var pair in _byScheme)
        {
            copy._byScheme[pair.Key] = pair.Value;
        }

        return copy;
    }

    /// <summary>Which schemes have a credential; the credentials themselves never appear.</summary>
    public override string ToString() => _byScheme.Count == 0 ? "ApiCredentials { }" : $"ApiCredentials {{ {string.Join(", ", _byScheme.Keys.OrderBy(k => k, StringComparer.Ordinal))} }}";

    private static string Require(string scheme)
        => string.IsNullOrEmpty(scheme) ? throw new ArgumentException("The scheme name must not be empty.", nameof(scheme)) : scheme;

    /// <summary>One scheme's secret: a key, a user and password, or a token provider.</summary>
    internal sealed record Credential(string? Key, (string UserName, string Password)? Basic, Func<CancellationToken, ValueTask<string>>? Provider)
    {
        /// <summary>Never prints the secret (records print their members by default).</summary>
        public override string ToString() => "(credential)";
    }
}
