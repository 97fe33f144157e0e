using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using BatchGen.Generator.Diagnostics;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Reads spec text into an <see cref="OpenApiDocument"/>: YAML through <see cref="YamlJsonReader"/>,
/// JSON through System.Text.Json, then Microsoft.OpenApi's reader on the resulting node tree.
/// </summary>
public static class SpecLoader
{
    private static readonly Uri s_baseUri = new("file:///spec");

    public static bool IsJsonPath(string path)
        => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static LoadedSpec Load(string path, string text, CancellationToken cancellationToken)
    {
        var problems = new List<SpecProblem>();
        var root = IsJsonPath(path) ? ReadJson(text, problems) : ReadYaml(text, cancellationToken, problems);
        if (root is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(SpecProblem.AtStart(DiagnosticDescriptors.NotAnOpenApiDocument, "the file is empty"));
            }

            return new LoadedSpec(null, problems);
        }

        if (root is not JsonObject top)
        {
            problems.Add(SpecProblem.AtStart(DiagnosticDescriptors.NotAnOpenApiDocument, "its top level is not a mapping"));
            return new LoadedSpec(null, problems);
        }

        if (!CheckVersion(top, problems))
        {
            return new LoadedSpec(null, problems);
        }

        SchemaShapes.Repair(top, problems);
        ReferenceCycles.Break(top, problems);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        ReadResult result;
        try
        {
            result = new OpenApiJsonReader().Read(root, s_baseUri, settings);
        }
        catch (OpenApiException ex)
        {
            problems.Add(SpecProblem.At(DiagnosticDescriptors.UnsupportedSpecVersion, "#/openapi", ex.Message));
            return new LoadedSpec(null, problems);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reader has its own bugs on odd input; what it cannot read is a spec error, not ours.
            problems.Add(SpecProblem.AtStart(DiagnosticDescriptors.ReaderFailure, $"{ex.GetType().Name}: {ex.Message}"));
            return new LoadedSpec(null, problems);
        }

        foreach (var error in result.Diagnostic?.Errors ?? Array.Empty<OpenApiError>())
        {
            problems.Add(SpecProblem.At(DiagnosticDescriptors.SpecReaderProblem, error.Pointer, error.Pointer ?? "#", error.Message.Trim().TrimEnd('.')));
        }

        return new LoadedSpec(result.Document, problems);
    }

    private static bool CheckVersion(JsonObject top, List<SpecProblem> problems)
    {
        if (top.TryGetPropertyValue("swagger", out var swagger))
        {
            problems.Add(SpecProblem.At(DiagnosticDescriptors.UnsupportedSpecVersion, "#/swagger", $"Swagger {Scalar(swagger)}"));
            return false;
        }

        if (!top.TryGetPropertyValue("openapi", out var openapi) || openapi is not JsonValue)
        {
            problems.Add(SpecProblem.AtStart(DiagnosticDescriptors.NotAnOpenApiDocument, "there is no top-level 'openapi' version key"));
            return false;
        }

        var version = Scalar(openapi);
        if (!(version.StartsWith("3.0", StringComparison.Ordinal) || version.StartsWith("3.1", StringComparison.Ordinal) || version.StartsWith("3.2", StringComparison.Ordinal)))
        {
            problems.Add(SpecProblem.At(DiagnosticDescriptors.UnsupportedSpecVersion, "#/openapi", $"OpenAPI {version}"));
            return false;
        }

        return true;
    }

    private static string Scalar(JsonNode? node)
        => node is JsonValue value ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private static JsonNode? ReadYaml(string text, CancellationToken cancellationToken, List<SpecProblem> problems)
    {
        var root = YamlJsonReader.Read(text, cancellationToken, out var error);
        if (error is not null)
        {
            problems.Add(SpecProblem.AtPosition(DiagnosticDescriptors.InvalidSpecSyntax, error.Position, "YAML", error.Message));
        }

        return root;
    }

    private static JsonNode? ReadJson(string text, List<SpecProblem> problems)
    {
        try
        {
            // Parse eagerly: JsonNode.Parse is lazy and would otherwise report errors at first use.
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1024 });
            var duplicate = FindDuplicateKey(document.RootElement, "#");
            if (duplicate is not null)
            {
                problems.Add(SpecProblem.At(DiagnosticDescriptors.InvalidSpecSyntax, duplicate.Value.Pointer, "JSON", $"duplicate key '{duplicate.Value.Key}'"));
                return null;
            }

            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1024 });
        }
        catch (JsonException ex)
        {
            var position = new LineIndex(text).PositionOfUtf8Byte((int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0));
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message.Substring(0, cut).TrimEnd('.', ' ');
            }

            problems.Add(SpecProblem.AtPosition(DiagnosticDescriptors.InvalidSpecSyntax, position, "JSON", message));
            return null;
        }
    }

    private static (string Key, string Pointer)? FindDuplicateKey(JsonElement element, string pointer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    seen ??= new HashSet<string>(StringComparer.Ordinal);
                    var child = SpecPointer.Append(pointer, property.Name);
                    if (!seen.Add(property.Name))
                    {
                        return (property.Name, child);
                    }

                    var found = FindDuplicateKey(property.Value, child);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var found = FindDuplicateKey(item, pointer + "/" + index.ToString(CultureInfo.InvariantCulture));
                    index++;
                    if (found is not null)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
