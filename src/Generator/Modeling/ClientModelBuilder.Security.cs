using System;
using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;
using SchemeKind = BatchGen.Generator.Model.SecuritySchemeKind;

namespace BatchGen.Generator.Modeling;

/// <summary>How the client authenticates and which environment it reads: security schemes, <c>security</c> lists, prefix, conventions.</summary>
public sealed partial class ClientModelBuilder
{
    /// <summary>The conventions <c>BatchGenConventions</c> may name, as the runtime spells them.</summary>
    private static readonly string[] s_knownConventions = { "OpenAI" };

    private List<SecuritySchemeModel> BuildSecuritySchemes()
    {
        var result = new List<SecuritySchemeModel>();
        var constants = new NameScope();
        foreach (var pair in _document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
        {
            var pointer = SpecPointer.Append("#/components/securitySchemes", pair.Key);
            var scheme = pair.Value;
            if (scheme is null)
            {
                continue;
            }

            SchemeKind? kind = scheme.Type switch
            {
                SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase) => SchemeKind.HttpBearer,
                SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase) => SchemeKind.HttpBasic,
                SecuritySchemeType.ApiKey when !string.IsNullOrEmpty(scheme.Name) && scheme.In is not null => SchemeKind.ApiKey,
                SecuritySchemeType.OAuth2 => SchemeKind.OAuth2,
                SecuritySchemeType.OpenIdConnect => SchemeKind.OpenIdConnect,
                _ => null,
            };
            if (kind is null)
            {
                var what = scheme.Type == SecuritySchemeType.Http ? $"HTTP '{scheme.Scheme}'" : scheme.Type?.ToString() ?? "untyped";
                Report(DiagnosticDescriptors.UnsupportedConstruct, pointer, $"The {what} security scheme '{pair.Key}'", pointer, "without it: set its header yourself with ClientOptions.DefaultHeaders");
                continue;
            }

            var location = kind == SchemeKind.ApiKey ? scheme.In switch
            {
                Microsoft.OpenApi.ParameterLocation.Query => "Query",
                Microsoft.OpenApi.ParameterLocation.Cookie => "Cookie",
                _ => "Header",
            } : null;
            result.Add(new SecuritySchemeModel(pair.Key, constants.Claim(Naming.ToPascalCase(pair.Key, "Scheme")), kind.Value, location, kind == SchemeKind.ApiKey ? scheme.Name : null, SchemaClassifier.Clean(scheme.Description)));
        }

        return result;
    }

    /// <summary>
    /// A <c>security</c> list as the model keeps it, with the schemes BatchGen cannot send left out of
    /// each alternative's reach: an alternative that needs one is dropped, since it can never be met.
    /// Null stays null (the default applies); an empty list stays empty (no credential).
    /// </summary>
    private EquatableArray<SecurityRequirementModel>? BuildSecurity(IList<OpenApiSecurityRequirement>? requirements, IReadOnlyCollection<SecuritySchemeModel> schemes)
    {
        if (requirements is null)
        {
            return null;
        }

        var known = new HashSet<string>(schemes.Select(s => s.Name), StringComparer.Ordinal);
        var result = new List<SecurityRequirementModel>();
        foreach (var requirement in requirements)
        {
            var names = (requirement ?? new OpenApiSecurityRequirement()).Keys.Select(k => k.Reference?.Id ?? string.Empty).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (names.All(known.Contains))
            {
                result.Add(new SecurityRequirementModel(names.ToEquatableArray()));
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary><c>BatchGenEnvironmentPrefix</c>, else the client name without "Client", upper-cased (<c>OpenAIClient</c> → <c>OPENAI</c>).</summary>
    private string ResolveEnvironmentPrefix(string clientName)
    {
        if (_options.EnvironmentPrefix is { } configured)
        {
            var trimmed = configured.Trim();
            if (trimmed.Length > 0 && trimmed.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsDigit(trimmed[0]))
            {
                return trimmed;
            }

            Report(DiagnosticDescriptors.InvalidConfiguration, null, SpecOptions.EnvironmentPrefixMetadata, trimmed, "an environment variable prefix is letters, digits and '_', not starting with a digit");
        }

        var stem = clientName.EndsWith("Client", StringComparison.Ordinal) && clientName.Length > "Client".Length
            ? clientName.Substring(0, clientName.Length - "Client".Length)
            : clientName;
        return stem.ToUpperInvariant();
    }

    /// <summary><c>BatchGenConventions</c>: a set the runtime knows, by name (case-insensitive), or none.</summary>
    private string? ResolveConventions()
    {
        if (_options.Conventions is not { } configured)
        {
            return null;
        }

        var match = s_knownConventions.FirstOrDefault(c => string.Equals(c, configured.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Report(DiagnosticDescriptors.InvalidConfiguration, null, SpecOptions.ConventionsMetadata, configured.Trim(), $"the known conventions are {string.Join(", ", s_knownConventions)}");
        }

        return match;
    }
}
