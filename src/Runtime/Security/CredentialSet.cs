using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// A client's credentials matched to its security schemes, decided once when the client is built:
/// <see cref="ClientOptions.Credentials"/> per scheme, and <see cref="ClientOptions.ApiKey"/> (or the
/// client's own <c>{PREFIX}_API_KEY</c>) for the one scheme a single key can serve.
/// Per request it picks the first of the operation's <c>security</c> alternatives it can satisfy.
/// </summary>
internal sealed class CredentialSet
{
    private readonly ApiDescription _api;
    private readonly ApiCredentials _credentials;
    private readonly Dictionary<string, SecurityScheme> _schemes = new(StringComparer.Ordinal);

    /// <summary>The schemes for operations that use the spec's default security: the credentials are fixed, so this is too.</summary>
    private readonly IReadOnlyList<SecurityScheme> _defaultChoice;

    public CredentialSet(ApiDescription api, ClientOptions options)
    {
        _api = api;
        _credentials = options.Credentials.Clone();
        foreach (var scheme in api.Schemes)
        {
            _schemes[scheme.Name] = scheme;
        }

        foreach (var scheme in _credentials.Schemes)
        {
            if (!_schemes.ContainsKey(scheme))
            {
                throw new ArgumentException($"ClientOptions.Credentials names the scheme '{scheme}', which the spec does not declare. Its schemes: {Describe(api.Schemes)}.", nameof(options));
            }
        }

        var explicitKey = !string.IsNullOrEmpty(options.ApiKey);
        var key = explicitKey ? options.ApiKey : Environment.GetEnvironmentVariable(api.ApiKeyVariable);
        if (!string.IsNullOrEmpty(key))
        {
            UseKey(api, key!, explicitKey, options);
        }

        _defaultChoice = Satisfy(api.Security);
    }

    /// <summary>Gives the single key to the one scheme it can serve; refuses an explicit key that could serve several.</summary>
    private void UseKey(ApiDescription api, string key, bool explicitKey, ClientOptions options)
    {
        var keySchemes = KeySchemes(api);
        if (keySchemes.Count == 1)
        {
            if (!_credentials.Contains(keySchemes[0].Name))
            {
                _credentials.SetKey(keySchemes[0].Name, key);
            }
        }
        else if (explicitKey)
        {
            // A key from the environment that fits no single scheme is left unused: never guessed.
            throw new ArgumentException(
                keySchemes.Count == 0
                    ? $"ClientOptions.ApiKey is set, but the spec declares no scheme a key can serve ({(api.Schemes.Count == 0 ? "no security schemes at all" : Describe(api.Schemes))}). Set ClientOptions.Credentials, or DefaultHeaders for an API the spec does not describe."
                    : $"ClientOptions.ApiKey is set, but the spec declares several schemes it could serve: {Describe(keySchemes)}. Set each one with ClientOptions.Credentials.",
                nameof(options));
        }
    }

    /// <summary>
    /// The schemes <see cref="ClientOptions.ApiKey"/> could serve: the key schemes of the spec's
    /// default <c>security</c> if that names exactly one (OpenAI's <c>ApiKeyAuth</c>, beside its
    /// admin-only <c>AdminApiKeyAuth</c>), else every key scheme the spec declares.
    /// </summary>
    private static List<SecurityScheme> KeySchemes(ApiDescription api)
    {
        var byDefault = api.Security.SelectMany(r => r).Distinct()
            .Select(name => api.Schemes.First(s => s.Name == name))
            .Where(s => s.TakesKey)
            .ToList();
        return byDefault.Count == 1 ? byDefault : api.Schemes.Where(s => s.TakesKey).ToList();
    }

    /// <summary>Whether any credential is configured.</summary>
    public bool IsEmpty => _credentials.Schemes.Count == 0;

    /// <summary>
    /// The schemes to apply for <paramref name="security"/> (null: the spec's default): the first
    /// alternative whose schemes all have credentials. An empty list means the operation needs no
    /// credential; none satisfied means the request goes without one (and the server says 401).
    /// </summary>
    public IReadOnlyList<SecurityScheme> Choose(IReadOnlyList<IReadOnlyList<string>>? security)
        => security is null ? _defaultChoice : Satisfy(security);

    private IReadOnlyList<SecurityScheme> Satisfy(IReadOnlyList<IReadOnlyList<string>> security)
    {
        foreach (var alternative in security)
        {
            if (alternative.All(_credentials.Contains))
            {
                return alternative.Select(name => _schemes[name]).ToList();
            }
        }

        return Array.Empty<SecurityScheme>();
    }

    /// <summary>What to tell a caller whose request was refused: the schemes the operation accepts and which have no credential.</summary>
    public string DescribeMissing(IReadOnlyList<IReadOnlyList<string>>? security)
    {
        var alternatives = security ?? _api.Security;
        if (alternatives.Count == 0 || alternatives.Any(a => a.All(_credentials.Contains)))
        {
            return string.Empty;
        }

        var wanted = string.Join(" or ", alternatives.Select(a => string.Join(" + ", a)));
        return $" No credential was sent: the operation accepts {wanted}. Set ClientOptions.ApiKey (or {_api.ApiKeyVariable}) for a single key, or ClientOptions.Credentials per scheme.";
    }

    /// <summary>Adds the chosen schemes' credentials to <paramref name="message"/>; API keys in the query are added to its URI.</summary>
    public async ValueTask ApplyAsync(HttpRequestMessage message, IReadOnlyList<SecurityScheme> schemes, CancellationToken cancellationToken)
    {
        foreach (var scheme in schemes)
        {
            _credentials.TryGet(scheme.Name, out var credential);
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.HttpBasic:
                    var (user, password) = credential.Basic ?? throw new InvalidOperationException($"The scheme {scheme.Name} is HTTP basic: set it with ApiCredentials.SetBasic.");
                    message.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
                    break;
                case SecuritySchemeKind.ApiKey:
                    var key = await ValueAsync(scheme, credential, cancellationToken).ConfigureAwait(false);
                    AddApiKey(message, scheme, key);
                    break;
                default:
                    var token = await ValueAsync(scheme, credential, cancellationToken).ConfigureAwait(false);
                    message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                    break;
            }
        }
    }

    private static async ValueTask<string> ValueAsync(SecurityScheme scheme, ApiCredentials.Credential credential, CancellationToken cancellationToken)
    {
        if (credential.Key is { } key)
        {
            return key;
        }

        if (credential.Provider is { } provider)
        {
            var token = await provider(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(token) ? throw new InvalidOperationException($"The token provider of {scheme.Name} returned no token.") : token;
        }

        throw new InvalidOperationException($"The scheme {scheme.Name} takes a key or token, not a user name and password.");
    }

    private static void AddApiKey(HttpRequestMessage message, SecurityScheme scheme, string key)
    {
        switch (scheme.Location)
        {
            case ApiKeyLocation.Header:
                message.Headers.TryAddWithoutValidation(scheme.ParameterName!, key);
                break;
            case ApiKeyLocation.Cookie:
                // Cookie values cannot hold ';' or ',' unescaped; RFC 6265 leaves the encoding to the
                // application, and percent-encoding is what servers decode.
                message.Headers.TryAddWithoutValidation("Cookie", scheme.ParameterName + "=" + Uri.EscapeDataString(key));
                break;
            default:
                var uri = message.RequestUri!;
                var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
                message.RequestUri = new Uri(uri.AbsoluteUri + separator + Uri.EscapeDataString(scheme.ParameterName!) + "=" + Uri.EscapeDataString(key), UriKind.Absolute);
                break;
        }
    }

    private static string Describe(IEnumerable<SecurityScheme> schemes) => string.Join(", ", schemes);
}
