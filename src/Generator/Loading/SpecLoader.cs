using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
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
        var problems = new List<LoadProblem>();
        var root = IsJsonPath(path) ? ReadJson(text, problems) : ReadYaml(text, cancellationToken, problems);
        if (root is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new LoadProblem(LoadProblemKind.NotOpenApi, "the file is empty", null, new SpecPosition(0, 0, 0)));
            }

            return new LoadedSpec(null, null, problems);
        }

        if (root is not JsonObject top)
        {
            problems.Add(new LoadProblem(LoadProblemKind.NotOpenApi, "its top level is not a mapping", null, new SpecPosition(0, 0, 0)));
            return new LoadedSpec(null, root, problems);
        }

        if (!CheckVersion(top, problems))
        {
            return new LoadedSpec(null, root, problems);
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
            problems.Add(new LoadProblem(LoadProblemKind.UnsupportedVersion, ex.Message, "#/openapi", null));
            return new LoadedSpec(null, root, problems);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reader has its own bugs on odd input; what it cannot read is a spec error, not ours.
            problems.Add(new LoadProblem(LoadProblemKind.ReaderFailure, $"{ex.GetType().Name}: {ex.Message}", null, new SpecPosition(0, 0, 0)));
            return new LoadedSpec(null, root, problems);
        }

        foreach (var error in result.Diagnostic?.Errors ?? Array.Empty<OpenApiError>())
        {
            problems.Add(new LoadProblem(LoadProblemKind.ReaderProblem, error.Message, error.Pointer, null));
        }

        return new LoadedSpec(result.Document, root, problems);
    }

    private static bool CheckVersion(JsonObject top, List<LoadProblem> problems)
    {
        if (top.TryGetPropertyValue("swagger", out var swagger))
        {
            problems.Add(new LoadProblem(LoadProblemKind.UnsupportedVersion, $"Swagger {Scalar(swagger)}", "#/swagger", null));
            return false;
        }

        if (!top.TryGetPropertyValue("openapi", out var openapi) || openapi is not JsonValue)
        {
            problems.Add(new LoadProblem(LoadProblemKind.NotOpenApi, "there is no top-level 'openapi' version key", null, new SpecPosition(0, 0, 0)));
            return false;
        }

        var version = Scalar(openapi);
        if (!(version.StartsWith("3.0", StringComparison.Ordinal) || version.StartsWith("3.1", StringComparison.Ordinal) || version.StartsWith("3.2", StringComparison.Ordinal)))
        {
            problems.Add(new LoadProblem(LoadProblemKind.UnsupportedVersion, $"OpenAPI {version}", "#/openapi", null));
            return false;
        }

        return true;
    }

    private static string Scalar(JsonNode? node)
        => node is JsonValue value ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private static JsonNode? ReadYaml(string text, CancellationToken cancellationToken, List<LoadProblem> problems)
    {
        var root = YamlJsonReader.Read(text, cancellationToken, out var error);
        if (error is not null)
        {
            problems.Add(new LoadProblem(LoadProblemKind.Syntax, error.Message, null, new SpecPosition(error.Offset, error.Line, error.Column)));
        }

        return root;
    }

    private static JsonNode? ReadJson(string text, List<LoadProblem> problems)
    {
        try
        {
            // Parse eagerly: JsonNode.Parse is lazy and would otherwise report errors at first use.
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1024 });
            var duplicate = FindDuplicateKey(document.RootElement, "#");
            if (duplicate is not null)
            {
                problems.Add(new LoadProblem(LoadProblemKind.Syntax, $"duplicate key '{duplicate.Value.Key}'", duplicate.Value.Pointer, null));
                return null;
            }

            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1024 });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var column = ColumnFromBytes(text, line, (int)(ex.BytePositionInLine ?? 0), out var offset);
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message.Substring(0, cut).TrimEnd('.', ' ');
            }

            problems.Add(new LoadProblem(LoadProblemKind.Syntax, message, null, new SpecPosition(offset, line, column)));
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

    /// <summary>System.Text.Json reports UTF-8 byte positions; diagnostics want character columns.</summary>
    private static int ColumnFromBytes(string text, int line, int bytePosition, out int offset)
    {
        var lineStart = 0;
        for (var i = 0; i < line && lineStart >= 0; i++)
        {
            lineStart = text.IndexOf('\n', lineStart);
            if (lineStart >= 0)
            {
                lineStart++;
            }
        }

        if (lineStart < 0)
        {
            offset = text.Length;
            return 0;
        }

        var bytes = 0;
        var column = 0;
        while (lineStart + column < text.Length && bytes < bytePosition && text[lineStart + column] != '\n')
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(text.ToCharArray(lineStart + column, 1));
            column++;
        }

        offset = lineStart + column;
        return column;
    }
}
