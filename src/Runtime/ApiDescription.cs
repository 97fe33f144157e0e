using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace BatchGen;

/// <summary>
/// What a generated client tells the runtime about its API, all from the spec and the project's
/// metadata: the default server, the prefix of the environment variables it reads, its security
/// schemes and default <c>security</c>, and the conventions its server follows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApiDescription
{
    /// <summary>Describes an API.</summary>
    /// <param name="defaultBaseAddress">The spec's first server, or null.</param>
    /// <param name="environmentPrefix">Reads <c>{prefix}_API_KEY</c> and <c>{prefix}_BASE_URL</c>.</param>
    /// <param name="schemes">The spec's security schemes.</param>
    /// <param name="security">The spec's top-level <c>security</c>: alternatives, each a set of scheme names needed together.</param>
    /// <param name="conventions">Conventions beyond OpenAPI the server follows (<see cref="ApiConventions.None"/> unless the metadata names some).</param>
    public ApiDescription(string? defaultBaseAddress, string environmentPrefix, IReadOnlyList<SecurityScheme> schemes, IReadOnlyList<IReadOnlyList<string>> security, ApiConventions? conventions = null)
    {
        DefaultBaseAddress = defaultBaseAddress;
        EnvironmentPrefix = environmentPrefix ?? throw new ArgumentNullException(nameof(environmentPrefix));
        Schemes = schemes ?? Array.Empty<SecurityScheme>();
        Security = security ?? Array.Empty<IReadOnlyList<string>>();
        Conventions = conventions ?? ApiConventions.None;
        var unknown = Security.SelectMany(r => r).FirstOrDefault(name => !Schemes.Any(s => s.Name == name));
        if (unknown is not null)
        {
            throw new ArgumentException($"The security requirement names '{unknown}', which is not one of the schemes.", nameof(security));
        }
    }

    /// <summary>The spec's first server, or null.</summary>
    public string? DefaultBaseAddress { get; }

    /// <summary>The prefix of the environment variables the client reads.</summary>
    public string EnvironmentPrefix { get; }

    /// <summary>The variable read for <see cref="ClientOptions.ApiKey"/> when it is not set.</summary>
    public string ApiKeyVariable => EnvironmentPrefix + "_API_KEY";

    /// <summary>The variable read for the base address when neither the options nor the HttpClient set one.</summary>
    public string BaseAddressVariable => EnvironmentPrefix + "_BASE_URL";

    /// <summary>The spec's security schemes.</summary>
    public IReadOnlyList<SecurityScheme> Schemes { get; }

    /// <summary>The spec's top-level <c>security</c>: alternatives of scheme names needed together.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Security { get; }

    /// <summary>The conventions the server follows beyond OpenAPI.</summary>
    public ApiConventions Conventions { get; }
}
