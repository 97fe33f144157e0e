using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BatchGen.Generator.Configuration;

/// <summary>
/// Decides which AdditionalFiles are specs and reads them with their options. A file is a spec
/// when it carries any BatchGen metadata, or when it is .yaml/.yml/.json with a top-level
/// <c>openapi</c> or <c>swagger</c> key; other YAML and JSON files (other tools' configuration)
/// are left alone.
/// </summary>
public static class SpecInputReader
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    public static SpecInput? Read(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, CancellationToken cancellationToken)
    {
        var fileOptions = optionsProvider.GetOptions(file);
        var ns = Metadata(fileOptions, SpecOptions.NamespaceMetadata);
        var clientName = Metadata(fileOptions, SpecOptions.ClientNameMetadata);
        var tags = Metadata(fileOptions, SpecOptions.TagsMetadata);
        var operations = Metadata(fileOptions, SpecOptions.OperationsMetadata);
        var environmentPrefix = Metadata(fileOptions, SpecOptions.EnvironmentPrefixMetadata);
        var conventions = Metadata(fileOptions, SpecOptions.ConventionsMetadata);
        var isMarked = ns is not null || clientName is not null || tags is not null || operations is not null || environmentPrefix is not null || conventions is not null;
        var isCandidate = HasSpecExtension(file.Path);
        if (!isMarked && !isCandidate)
        {
            return null;
        }

        optionsProvider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        var text = file.GetText(cancellationToken)?.ToString();
        if (text is null)
        {
            // Unreadable: a marked file still flows on, so the model stage can report it.
            return isMarked ? new SpecInput(file.Path, string.Empty, new SpecOptions(ns, clientName, rootNamespace, true, tags, operations, environmentPrefix, conventions)) : null;
        }

        if (!isMarked && !LooksLikeSpec(file.Path, text))
        {
            return null;
        }

        return new SpecInput(file.Path, text, new SpecOptions(ns, clientName, NullIfEmpty(rootNamespace), isMarked, tags, operations, environmentPrefix, conventions));
    }

    private static string? Metadata(AnalyzerConfigOptions options, string name)
        => options.TryGetValue(MetadataPrefix + name, out var value) ? NullIfEmpty(value) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static bool HasSpecExtension(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase)
               || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
               || extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the text has a top-level <c>openapi</c> or <c>swagger</c> key.</summary>
    public static bool LooksLikeSpec(string path, string text)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonHasTopLevelKey(text);
        }

        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith("openapi", StringComparison.Ordinal) || line.StartsWith("swagger", StringComparison.Ordinal)
                || line.StartsWith("\"openapi\"", StringComparison.Ordinal) || line.StartsWith("'openapi'", StringComparison.Ordinal)
                || line.StartsWith("\"swagger\"", StringComparison.Ordinal) || line.StartsWith("'swagger'", StringComparison.Ordinal))
            {
                var rest = line.TrimStart('"', '\'').Substring(7).TrimStart('"', '\'').TrimStart();
                if (rest.StartsWith(":", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            // A JSON-style YAML document ("{ "openapi": ... }") on one line or several.
            if (line.TrimStart().StartsWith("{", StringComparison.Ordinal) && (text.Contains("\"openapi\"") || text.Contains("\"swagger\"")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool JsonHasTopLevelKey(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                    && (reader.ValueTextEquals("openapi") || reader.ValueTextEquals("swagger")))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // Broken JSON that names an OpenAPI version is a broken spec: report it rather than ignore it.
            return text.Contains("\"openapi\"") || text.Contains("\"swagger\"");
        }
    }
}
