using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>Operations: which ones (tag and id filters), their method names, parameters, bodies and responses.</summary>
public sealed partial class ClientModelBuilder
{
    private const string JsonContentType = "application/json";

    private static readonly HttpMethod[] s_methodOrder =
    {
        HttpMethod.Get, HttpMethod.Put, HttpMethod.Post, HttpMethod.Delete, HttpMethod.Options, HttpMethod.Head,
        new("PATCH"), HttpMethod.Trace,
    };

    private sealed record OperationSite(string Path, IOpenApiPathItem PathItem, HttpMethod Method, OpenApiOperation Operation)
    {
        public string Id => string.IsNullOrWhiteSpace(Operation.OperationId) ? Method.Method + " " + Path : Operation.OperationId!;
    }

    private bool IsFiltered => SpecOptions.SplitList(_options.Tags).Length > 0 || SpecOptions.SplitList(_options.Operations).Length > 0;

    /// <summary>Every operation, in path order then a fixed method order, so output is stable.</summary>
    private List<OperationSite> EnumerateOperations()
    {
        var result = new List<OperationSite>();
        foreach (var path in _document.Paths ?? new OpenApiPaths())
        {
            if (path.Value.Operations is not { } operations)
            {
                continue;
            }

            foreach (var method in s_methodOrder)
            {
                if (operations.TryGetValue(method, out var operation))
                {
                    result.Add(new OperationSite(path.Key, path.Value, method, operation));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Applies <c>BatchGenTags</c> and <c>BatchGenOperations</c>: an operation is kept when it has
    /// one of the tags or is one of the operations (case-insensitive). No filter keeps everything.
    /// </summary>
    private List<OperationSite> SelectOperations(List<OperationSite> all)
    {
        var tags = SpecOptions.SplitList(_options.Tags);
        var ids = SpecOptions.SplitList(_options.Operations);
        if (tags.Length == 0 && ids.Length == 0)
        {
            return all;
        }

        var tagSet = new HashSet<string>(tags, StringComparer.OrdinalIgnoreCase);
        var idSet = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var usedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var selected = new List<OperationSite>();
        foreach (var site in all)
        {
            var operationTags = (site.Operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name ?? t.Reference?.Id).Where(t => t is not null).ToList();
            var byTag = operationTags.Where(t => tagSet.Contains(t!)).ToList();
            var byId = idSet.Contains(site.Id);
            usedTags.UnionWith(byTag!);
            if (byId)
            {
                usedIds.Add(site.Id);
            }

            if (byTag.Count > 0 || byId)
            {
                selected.Add(site);
            }
        }

        foreach (var tag in tags.Where(t => !usedTags.Contains(t)))
        {
            Report(DiagnosticDescriptors.FilterMatchesNothing, null, SpecOptions.TagsMetadata, tag);
        }

        foreach (var id in ids.Where(i => !usedIds.Contains(i)))
        {
            Report(DiagnosticDescriptors.FilterMatchesNothing, null, SpecOptions.OperationsMetadata, id);
        }

        return selected;
    }

    private List<OperationModel> BuildOperations(List<OperationSite> sites)
    {
        var result = new List<OperationModel>();
        // Methods live on the client class: its name and its own members are taken (CS0542, CS0102),
        // and a stem is taken only when every method always derived from it is free.
        var methodNames = new NameScope(GeneratedNames.ClientMembers.Concat(new[] { _clientName }));
        foreach (var site in sites)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var pointer = SpecPointer.Append("#/paths", site.Path) + "/" + site.Method.Method.ToLowerInvariant();
            var stem = methodNames.ClaimGroup(Naming.ToPascalCase(site.Id, "Operation"), GeneratedNames.AlwaysDerivedMethods);
            var interfaceName = _typeNames.Claim(GeneratedNames.OperationInterface(stem));
            result.Add(BuildOperation(site, pointer, stem, interfaceName));
        }

        return result;
    }

    private OperationModel BuildOperation(OperationSite site, string pointer, string methodName, string interfaceName)
    {
        var operation = site.Operation;
        // Locals of the generated method bodies are taken, so no parameter can shadow them.
        var parameterNames = new NameScope(GeneratedNames.ReservedParameterNames);
        var parameters = new List<ParameterModel>();
        foreach (var (parameter, parameterPointer) in MergedParameters(site.PathItem, operation, site.Path, pointer))
        {
            if (parameter.In is not { } location || location == Microsoft.OpenApi.ParameterLocation.Cookie || string.IsNullOrEmpty(parameter.Name))
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, parameterPointer, $"The {parameter.In?.ToString().ToLowerInvariant() ?? "unplaced"} parameter '{parameter.Name}'", parameterPointer, "without it: cookie parameters are not sent");
                continue;
            }

            var modelLocation = location switch
            {
                Microsoft.OpenApi.ParameterLocation.Path => Model.ParameterLocation.Path,
                Microsoft.OpenApi.ParameterLocation.Header => Model.ParameterLocation.Header,
                _ => Model.ParameterLocation.Query,
            };
            var required = parameter.Required || modelLocation == Model.ParameterLocation.Path;
            var style = StyleOf(parameter, modelLocation);
            var type = Resolve(parameter.Schema, methodName + Naming.ToPascalCase(parameter.Name!), parameterPointer + "/schema");
            parameters.Add(new ParameterModel(
                Name: parameterNames.Claim(Naming.ToCamelCase(parameter.Name!)),
                WireName: parameter.Name!,
                Location: modelLocation,
                // A path segment cannot be null, whatever the schema says; other parameters are left out when null.
                Type: type.WithNullable(modelLocation != Model.ParameterLocation.Path && (type.IsNullable || !required)),
                IsRequired: required,
                Description: SchemaClassifier.Clean(parameter.Description),
                Style: style,
                Explode: parameter.Explode));
        }

        var body = operation.RequestBody is { } requestBody
            ? BuildRequestBody(requestBody, methodName, pointer + "/requestBody", parameterNames)
            : null;
        var response = BuildResponse(operation, methodName, pointer + "/responses");
        var sorted = parameters
            .OrderBy(p => p.Location == Model.ParameterLocation.Path ? 0 : p.IsRequired ? 1 : 2)
            .ToList();

        return new OperationModel(
            OperationId: site.Id,
            MethodName: methodName,
            InterfaceName: interfaceName,
            HttpMethod: site.Method.Method.ToUpperInvariant(),
            Path: site.Path,
            Summary: SchemaClassifier.Clean(operation.Summary),
            Description: SchemaClassifier.Clean(operation.Description),
            IsDeprecated: operation.Deprecated,
            Parameters: sorted.ToEquatableArray(),
            Body: body,
            Response: response,
            Paging: null,
            Security: OperationSecurity(operation),
            Server: OperationServer(site),
            Accept: response.MediaTypes,
            Errors: BuildErrorResponses(operation, methodName, pointer + "/responses"),
            Tags: (operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name ?? t.Reference?.Id).Where(t => t is not null).Select(t => t!).Distinct(StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>
    /// The parameter's <c>style</c>, defaulting by location (form for the query, simple for path and
    /// header); a style the location does not allow falls back to that default.
    /// </summary>
    private string StyleOf(IOpenApiParameter parameter, Model.ParameterLocation location)
    {
        var fallback = location == Model.ParameterLocation.Query ? "Form" : "Simple";
        if (parameter.Style is not { } style)
        {
            return fallback;
        }

        var name = style.ToString();
        var allowed = location switch
        {
            Model.ParameterLocation.Query => name is "Form" or "SpaceDelimited" or "PipeDelimited" or "DeepObject",
            Model.ParameterLocation.Path => name is "Simple" or "Label" or "Matrix",
            _ => name == "Simple",
        };
        return allowed ? name : fallback;
    }

    /// <summary>The operation's own <c>security</c>, or null when it is the same as the spec's (so most operations carry nothing).</summary>
    private EquatableArray<SecurityRequirementModel>? OperationSecurity(OpenApiOperation operation)
    {
        var own = BuildSecurity(operation.Security, _schemes);
        return own is { } list && list.Equals(_defaultSecurity) ? null : own;
    }

    /// <summary>The first server of the operation, else of its path item; null when neither has one.</summary>
    private static string? OperationServer(OperationSite site)
        => ServerUrl(site.Operation.Servers?.FirstOrDefault() ?? site.PathItem.Servers?.FirstOrDefault());

    private static IEnumerable<(IOpenApiParameter Parameter, string Pointer)> MergedParameters(IOpenApiPathItem pathItem, OpenApiOperation operation, string path, string operationPointer)
    {
        var merged = new List<(IOpenApiParameter, string)>();
        var index = 0;
        foreach (var parameter in pathItem.Parameters ?? new List<IOpenApiParameter>())
        {
            merged.Add((parameter, SpecPointer.Append("#/paths", path) + "/parameters/" + index++));
        }

        index = 0;
        foreach (var parameter in operation.Parameters ?? new List<IOpenApiParameter>())
        {
            // An operation-level parameter overrides a path-level one with the same name and location.
            merged.RemoveAll(p => p.Item1.Name == parameter.Name && p.Item1.In == parameter.In);
            merged.Add((parameter, operationPointer + "/parameters/" + index++));
        }

        return merged;
    }

    private RequestBodyModel? BuildRequestBody(IOpenApiRequestBody requestBody, string methodName, string pointer, NameScope parameterNames)
    {
        var content = requestBody.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var json = content.FirstOrDefault(c => IsJson(c.Key));
        if (json.Value is not null)
        {
            var schemaPointer = SpecPointer.Append(pointer + "/content", json.Key) + "/schema";
            var type = Resolve(json.Value.Schema, methodName + "Request", schemaPointer);
            return new RequestBodyModel(parameterNames.Claim(GeneratedNames.Parameters.Body), type.WithNullable(!requestBody.Required), requestBody.Required, json.Key, SchemaClassifier.Clean(requestBody.Description));
        }

        var form = content.FirstOrDefault(c => FormKindOf(c.Key) is not null);
        if (form.Value?.Schema is { } formSchema)
        {
            var schemaPointer = SpecPointer.Append(pointer + "/content", form.Key) + "/schema";
            var type = Resolve(formSchema, methodName + "Request", schemaPointer);
            if (type.Kind == TypeKind.Object)
            {
                var partTypes = (form.Value.Encoding ?? new Dictionary<string, OpenApiEncoding>())
                    .Where(e => !string.IsNullOrEmpty(e.Value?.ContentType))
                    .OrderBy(e => e.Key, StringComparer.Ordinal)
                    .SelectMany(e => new[] { e.Key, e.Value.ContentType! });
                return new RequestBodyModel(
                    parameterNames.Claim(GeneratedNames.Parameters.Body),
                    type.WithNullable(!requestBody.Required),
                    requestBody.Required,
                    form.Key,
                    SchemaClassifier.Clean(requestBody.Description),
                    Form: FormKindOf(form.Key),
                    PartContentTypes: partTypes.ToEquatableArray());
            }
        }

        var first = content.FirstOrDefault();
        if (first.Key is null)
        {
            return null;
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, pointer, $"A '{first.Key}' request body", pointer, "as an HttpContent parameter: build it (e.g. MultipartFormDataContent) and pass it; it is buffered once so retries re-send it intact");
        return new RequestBodyModel(parameterNames.Claim(GeneratedNames.Parameters.Content), TypeRef.Json, requestBody.Required, first.Key, SchemaClassifier.Clean(requestBody.Description), IsRawContent: true);
    }

    private ResponseModel BuildResponse(OpenApiOperation operation, string methodName, string pointer)
    {
        var responses = operation.Responses ?? new OpenApiResponses();
        var success = responses
            .Where(r => r.Key.StartsWith("2", StringComparison.Ordinal))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => (KeyValuePair<string, IOpenApiResponse>?)r)
            .FirstOrDefault();
        if (success is not { } chosen)
        {
            return new ResponseModel(null, null);
        }

        var content = chosen.Value.Content ?? new Dictionary<string, IOpenApiMediaType>();
        var responsePointer = SpecPointer.Append(pointer, chosen.Key);
        var description = SchemaClassifier.Clean(chosen.Value.Description);
        var events = content.FirstOrDefault(c => IsEventStream(c.Key));
        var eventType = events.Value is null
            ? null
            : Resolve(events.Value.Schema, methodName + "Event", SpecPointer.Append(responsePointer + "/content", events.Key) + "/schema").WithNullable(false);
        var json = content.FirstOrDefault(c => IsJson(c.Key));
        if (json.Value is not null)
        {
            var type = Resolve(json.Value.Schema, methodName + "Response", SpecPointer.Append(responsePointer + "/content", json.Key) + "/schema");
            // A body declared as one JSON string is, in practice, a file the spec could not describe
            // (OpenAI's downloadFile sends the JSONL as application/octet-stream): stream it, and
            // let the caller read it as text, which decodes a real JSON string too.
            return type.Kind == TypeKind.String
                ? new ResponseModel(TypeRef.Primitive(TypeKind.Stream), description, json.Key, eventType)
                : new ResponseModel(type, description, json.Key, eventType);
        }

        var others = content.Keys.Where(key => !IsEventStream(key)).ToList();
        if (others.Count > 0 || eventType is not null)
        {
            // Files, audio, text: streamed as they arrive. An event stream alone is still reachable raw.
            return new ResponseModel(TypeRef.Primitive(TypeKind.Stream), description, others.Count > 0 ? string.Join(", ", others) : events.Key, eventType);
        }

        return new ResponseModel(null, description);
    }

    /// <summary>The JSON bodies of the operation's error responses, most specific first, so the first match wins.</summary>
    private EquatableArray<ErrorResponseModel> BuildErrorResponses(OpenApiOperation operation, string methodName, string pointer)
    {
        var result = new List<ErrorResponseModel>();
        foreach (var pair in operation.Responses ?? new OpenApiResponses())
        {
            var status = pair.Key.ToUpperInvariant();
            var isError = status == "DEFAULT" || (status.Length == 3 && status[0] is >= '3' and <= '5');
            var json = (pair.Value?.Content ?? new Dictionary<string, IOpenApiMediaType>()).FirstOrDefault(c => IsJson(c.Key));
            if (!isError || json.Value?.Schema is null)
            {
                continue;
            }

            var type = Resolve(json.Value.Schema, methodName + "Error" + Naming.ToPascalCase(pair.Key), SpecPointer.Append(SpecPointer.Append(pointer, pair.Key) + "/content", json.Key) + "/schema");
            result.Add(new ErrorResponseModel(status == "DEFAULT" ? "default" : status, type.WithNullable(false)));
        }

        return result
            .OrderBy(e => e.Status == "default" ? 2 : e.Status.EndsWith("XX", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(e => e.Status, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    /// <summary>The runtime's form kind for a form media type, or null.</summary>
    private static string? FormKindOf(string contentType)
        => contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ? "Multipart"
            : contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? "UrlEncoded"
            : null;

    /// <summary><c>application/json</c> (with parameters) or a <c>+json</c> type; not <c>application/jsonl</c>.</summary>
    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase)
               || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsEventStream(string contentType)
        => contentType.Split(';')[0].Trim().Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
}
