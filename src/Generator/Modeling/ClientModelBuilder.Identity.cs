using System;
using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>Who the client is: its class name, namespace and default server.</summary>
public sealed partial class ClientModelBuilder
{
    private readonly record struct ClientIdentity(string ClientName, string Namespace, string? DefaultServerUrl);

    private string _clientName = string.Empty;

    private ClientIdentity ResolveIdentity()
    {
        _clientName = ResolveClientName();
        _typeNames.Claim(_clientName);
        _typeNames.Claim(GeneratedNames.JsonContext(_clientName));
        return new ClientIdentity(_clientName, ResolveNamespace(), DefaultServerUrl());
    }

    private string ResolveClientName()
    {
        if (!string.IsNullOrWhiteSpace(_options.ClientName))
        {
            var name = _options.ClientName!.Trim();
            if (IsIdentifier(name))
            {
                return name;
            }

            Report(DiagnosticDescriptors.InvalidConfiguration, null, SpecOptions.ClientNameMetadata, name, "it is not a C# identifier");
        }

        // "OpenAI API" → "OpenAIClient": the title without a trailing "API", plus "Client".
        var title = _document.Info?.Title ?? "Api";
        var words = title.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && string.Equals(words[words.Count - 1], "API", StringComparison.OrdinalIgnoreCase))
        {
            words.RemoveAt(words.Count - 1);
        }

        var stem = Naming.ToPascalCase(string.Join(" ", words), "Api");
        return stem.EndsWith("Client", StringComparison.Ordinal) ? stem : stem + "Client";
    }

    private string ResolveNamespace()
    {
        foreach (var (candidate, source) in new[] { (_options.Namespace, SpecOptions.NamespaceMetadata), (_options.RootNamespace, "RootNamespace") })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            var trimmed = candidate!.Trim();
            if (trimmed.Split('.').All(IsIdentifier))
            {
                return trimmed;
            }

            Report(DiagnosticDescriptors.InvalidConfiguration, null, source, trimmed, "it is not a valid C# namespace");
        }

        return "BatchGen.Generated";
    }

    private static bool IsIdentifier(string text)
        => text.Length > 0
           && (char.IsLetter(text[0]) || text[0] == '_')
           && text.All(c => char.IsLetterOrDigit(c) || c == '_')
           && !Naming.IsKeyword(text);

    /// <summary>The spec's first server, with its variables at their defaults.</summary>
    private string? DefaultServerUrl() => ServerUrl(_document.Servers?.FirstOrDefault());

    /// <summary>A server's URL with its variables at their defaults; null when there is none.</summary>
    private static string? ServerUrl(OpenApiServer? server)
    {
        if (server?.Url is not { Length: > 0 } url)
        {
            return null;
        }

        foreach (var variable in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
        {
            url = url.Replace("{" + variable.Key + "}", variable.Value.Default ?? string.Empty);
        }

        return url;
    }
}
