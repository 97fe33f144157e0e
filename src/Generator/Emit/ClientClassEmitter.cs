using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits the client class: it implements every operation interface over the runtime's
/// <c>ApiPipeline</c>, adds a <c>…WithResponseAsync</c> variant per operation (status, headers,
/// request id), and an <c>IAsyncEnumerable</c> for operations with cursor paging.
/// </summary>
internal static class ClientClassEmitter
{
    private static readonly Regex s_pathParameter = new(@"\{([^{}]+)\}", RegexOptions.CultureInvariant);

    public static GeneratedFile Emit(ClientModel model)
    {
        var ns = model.Namespace;
        var name = model.ClientName;
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", $"A client for {model.Title ?? model.SpecFileName}, generated from {model.SpecFileName}.");
        if (model.Description is not null)
        {
            WriteDocComment(writer, "remarks", model.Description);
        }

        writer.WriteLine(GeneratedCodeAttribute);
        var interfaces = model.Operations.Select(o => $"global::{ns}.{o.InterfaceName}").Concat(new[] { "global::System.IDisposable" });
        using (writer.OpenBlock($"public sealed partial class {name} : {string.Join(", ", interfaces)}"))
        {
            var defaultAddress = model.DefaultServerUrl is null ? "null" : StringLiteral(model.DefaultServerUrl);
            writer.WriteLine($$"""
                /// <summary>The spec's first server, used when neither the options, <c>OPENAI_BASE_URL</c> nor the HttpClient name one.</summary>
                public const string? DefaultBaseAddress = {{defaultAddress}};

                private readonly {{Runtime}}.ApiPipeline _pipeline;

                /// <summary>Creates a client with default options: the key from <c>OPENAI_API_KEY</c>, the spec's server.</summary>
                public {{name}}()
                    : this(new {{Runtime}}.ClientOptions())
                {
                }

                /// <summary>Creates a client that owns its own HttpClient.</summary>
                public {{name}}({{Runtime}}.ClientOptions options)
                {
                    if (options is null) throw new global::System.ArgumentNullException(nameof(options));
                    _pipeline = new {{Runtime}}.ApiPipeline(null, options, DefaultBaseAddress);
                }

                /// <summary>Creates a client over <paramref name="httpClient"/>, which it uses as is and never disposes.</summary>
                public {{name}}(global::System.Net.Http.HttpClient httpClient, {{Runtime}}.ClientOptions? options = null)
                {
                    if (httpClient is null) throw new global::System.ArgumentNullException(nameof(httpClient));
                    _pipeline = new {{Runtime}}.ApiPipeline(httpClient, options, DefaultBaseAddress);
                }

                /// <summary>The address requests go to.</summary>
                public global::System.Uri BaseAddress => _pipeline.BaseAddress;

                """);

            foreach (var operation in model.Operations)
            {
                WriteOperation(writer, model, operation);
            }

            foreach (var wait in model.CancelAndWait)
            {
                WriteCancelAndWait(writer, model, wait);
            }

            writer.WriteLine("""
                /// <summary>Releases the HttpClient if this client created it.</summary>
                public void Dispose() => _pipeline.Dispose();
                """);
        }

        return new GeneratedFile(HintName(model, name), writer.ToString());
    }

    private static void WriteOperation(SourceWriter writer, ClientModel model, OperationModel operation)
    {
        var ns = model.Namespace;
        var declaration = OperationSignature.DeclarationList(operation, ns, withDefaults: true);
        var arguments = string.Join(", ", OperationSignature.Parameters(operation, ns).Select(p => p.Name).Concat(new[] { "cancellationToken" }));
        var obsolete = operation.IsDeprecated ? "[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]\n" : string.Empty;
        var responseType = operation.Response.Type is { } type ? TypeName(type, ns) : "bool";

        writer.WriteLine($"/// <inheritdoc cref=\"global::{ns}.{operation.InterfaceName}.{operation.MethodName}Async\"/>");
        writer.WriteLine($"{obsolete}public {OperationSignature.TaskType(operation, ns)} {operation.MethodName}Async({declaration})");
        writer.Indentation++;
        writer.WriteLine(operation.Response.Type is null
            ? $"=> {Runtime}.ApiTasks.DiscardAsync({operation.MethodName}WithResponseAsync({arguments}));"
            : $"=> {Runtime}.ApiTasks.ValueAsync({operation.MethodName}WithResponseAsync({arguments}));");
        writer.Indentation--;
        writer.WriteLine();

        writer.WriteLine($"/// <summary>Like <see cref=\"{operation.MethodName}Async\"/>, with the response's status, headers and request id.</summary>");
        if (operation.Parameters.Any(p => p.Location == ParameterLocation.Path))
        {
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A path parameter is blank, <c>.</c> or <c>..</c>; nothing is sent.</exception>");
        }

        using (writer.OpenBlock($"{obsolete}public global::System.Threading.Tasks.Task<{Runtime}.ApiResponse<{responseType}>> {operation.MethodName}WithResponseAsync({declaration})"))
        {
            writer.WriteLine($"var apiRequest = new {Runtime}.ApiRequest({StringLiteral(operation.HttpMethod)}, {StringLiteral(operation.OperationId)});");
            WritePath(writer, operation);
            foreach (var parameter in operation.Parameters.Where(p => p.Location != ParameterLocation.Path))
            {
                WriteQueryOrHeader(writer, ns, parameter);
            }

            if (operation.Body is { IsRawContent: true } raw)
            {
                writer.WriteLine(raw.IsRequired
                    ? $"if ({raw.ParameterName} is null) throw new global::System.ArgumentNullException(nameof({raw.ParameterName}));\napiRequest.SetContent({raw.ParameterName});"
                    : $"if ({raw.ParameterName} is not null) apiRequest.SetContent({raw.ParameterName});");
            }
            else if (operation.Body is { } body)
            {
                var set = $"apiRequest.SetJsonBody<{TypeName(body.Type.WithNullable(false), ns)}>({body.ParameterName}, static ({Json}.Utf8JsonWriter w, {TypeName(body.Type.WithNullable(false), ns)} v) => {{ {WriteStatement(body.Type.WithNullable(false), ns, "w", "v")} }});";
                if (body.Type.IsValueType)
                {
                    // A value-type body (a bool, a free-form JsonElement) has no null to check.
                    writer.WriteLine(body.IsRequired ? set : $"if ({body.ParameterName} is {{ }} bodyValue) {set.Replace($"({body.ParameterName},", "(bodyValue,")}");
                }
                else
                {
                    writer.WriteLine(body.IsRequired
                        ? $"if ({body.ParameterName} is null) throw new global::System.ArgumentNullException(nameof({body.ParameterName}));\n{set}"
                        : $"if ({body.ParameterName} is not null) {set}");
                }
            }

            if (operation.Response.Type is null)
            {
                writer.WriteLine("return _pipeline.SendAsync(apiRequest, cancellationToken);");
            }
            else if (operation.Response.Type.Kind == TypeKind.Bytes)
            {
                writer.WriteLine("return _pipeline.SendForBytesAsync(apiRequest, cancellationToken);");
            }
            else
            {
                writer.WriteLine($"return _pipeline.SendAsync<{responseType}>(apiRequest, static (ref {Json}.Utf8JsonReader r) => {ReadExpression(operation.Response.Type, ns, "r")}, cancellationToken);");
            }
        }

        writer.WriteLine();
        if (operation.Paging is { } paging)
        {
            WritePaging(writer, model, operation, paging);
        }
    }

    private static void WritePath(SourceWriter writer, OperationModel operation)
    {
        var path = operation.Path;
        var position = 0;
        foreach (Match match in s_pathParameter.Matches(path))
        {
            if (match.Index > position)
            {
                writer.WriteLine($"apiRequest.AppendPath({StringLiteral(path.Substring(position, match.Index - position))});");
            }

            var wireName = match.Groups[1].Value;
            var parameter = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.WireName == wireName);
            if (parameter is null)
            {
                // A template variable the spec does not declare: keep it literally rather than invent a parameter.
                writer.WriteLine($"apiRequest.AppendPath({StringLiteral(match.Value)});");
            }
            else
            {
                var value = parameter.Type.Kind == TypeKind.String ? parameter.Name : $"{Runtime}.ApiRequest.Format({parameter.Name})!";
                writer.WriteLine($"apiRequest.AppendPathParameter({StringLiteral(wireName)}, {value});");
            }

            position = match.Index + match.Length;
        }

        if (position < path.Length)
        {
            writer.WriteLine($"apiRequest.AppendPath({StringLiteral(path.Substring(position))});");
        }
    }

    private static void WriteQueryOrHeader(SourceWriter writer, string ns, ParameterModel parameter)
    {
        var add = parameter.Location == ParameterLocation.Header ? "AddHeader" : "AddQuery";
        if (parameter.Type.Kind == TypeKind.Array)
        {
            // Arrays go out exploded (?tag=a&tag=b), OpenAPI's default for query parameters.
            writer.WriteLine($"if ({parameter.Name} is not null) foreach (var item in {parameter.Name}) apiRequest.{add}({StringLiteral(parameter.WireName)}, {Runtime}.ApiRequest.Format(item));");
            return;
        }

        var value = parameter.Type.Kind == TypeKind.String ? parameter.Name : $"{Runtime}.ApiRequest.Format({parameter.Name})";
        writer.WriteLine($"apiRequest.{add}({StringLiteral(parameter.WireName)}, {value});");
    }

    private static void WriteCancelAndWait(SourceWriter writer, ClientModel model, CancelAndWaitModel wait)
    {
        var ns = model.Namespace;
        var resource = TypeName(wait.ResourceType, ns);
        var pathDeclaration = string.Join(", ", wait.PathParameters.Select(p => $"{TypeName(p.Type, ns)} {p.Name}"));
        var pathArguments = string.Join(", ", wait.PathParameters.Select(p => p.Name));
        var separator = pathDeclaration.Length == 0 ? string.Empty : ", ";
        var statusValue = wait.StatusType.Kind == TypeKind.Enum ? "status.ToString()" : "status";
        var transitional = string.Join(" or ", wait.TransitionalValues.Select(StringLiteral));
        writer.WriteLine($$"""
            /// <summary>
            /// Calls <see cref="{{wait.CancelMethodName}}Async"/>, then polls <see cref="{{wait.RetrieveMethodName}}Async"/>
            /// with backoff while <c>{{wait.StatusPropertyName}}</c> is still on the move ({{XmlEscape(string.Join(", ", wait.TransitionalValues))}}),
            /// and returns the settled resource.
            /// </summary>
            /// <param name="progress">Receives the resource after the cancel and after each poll.</param>
            /// <param name="polling">Delays and the overall timeout; by default polls from 1 s up to every 10 s for 15 minutes.</param>
            /// <param name="cancellationToken">Stops the waiting (the cancel itself is not undone).</param>
            /// <exception cref="{{Runtime}}.ApiTimeoutException">Still on the move after the polling timeout.</exception>
            public async global::System.Threading.Tasks.Task<{{resource}}> {{wait.MethodName}}Async({{pathDeclaration}}{{separator}}global::System.IProgress<{{resource}}>? progress = null, {{Runtime}}.PollingOptions? polling = null, global::System.Threading.CancellationToken cancellationToken = default)
            {
                var cancelledResource = await {{wait.CancelMethodName}}Async({{pathArguments}}{{separator}}cancellationToken).ConfigureAwait(false);
                return await {{Runtime}}.Polling.WhileAsync(
                    cancelledResource,
                    static polled => IsTransitional(polled.{{wait.StatusPropertyName}}),
                    pollToken => {{wait.RetrieveMethodName}}Async({{pathArguments}}{{separator}}pollToken),
                    progress,
                    polling,
                    cancellationToken).ConfigureAwait(false);

                static bool IsTransitional({{TypeName(wait.StatusType, ns)}} status) => {{statusValue}} is {{transitional}};
            }

            """);
    }

    private static void WritePaging(SourceWriter writer, ClientModel model, OperationModel operation, PagingModel paging)
    {
        var ns = model.Namespace;
        var itemType = TypeName(paging.ItemType, ns);
        var parameters = OperationSignature.Parameters(operation, ns);
        var declaration = OperationSignature.DeclarationList(operation, ns, withDefaults: true)
            .Replace("global::System.Threading.CancellationToken cancellationToken = default", "[global::System.Runtime.CompilerServices.EnumeratorCancellation] global::System.Threading.CancellationToken cancellationToken = default");
        var arguments = string.Join(", ", parameters.Select(p => p.Name == paging.CursorParameterName ? "pageCursor" : p.Name).Concat(new[] { "cancellationToken" }));
        var page = model.Objects.First(o => o.Name == operation.Response.Type!.Name);
        var items = page.Properties.First(p => p.Name == paging.ItemsPropertyName);
        var hasMore = page.Properties.First(p => p.Name == paging.HasMorePropertyName);
        var nextCursor = paging.LastIdPropertyName is { } lastId
            ? $"pageResult.{lastId} ?? " + (paging.ItemIdPropertyName is { } idName ? $"pageItems[pageItems.Count - 1]?.{idName}" : "null")
            : $"pageItems[pageItems.Count - 1]?.{paging.ItemIdPropertyName}";

        writer.WriteLine($$"""
            /// <summary>
            /// Every item of <see cref="{{operation.MethodName}}Async"/>, page after page: it follows
            /// <c>{{XmlEscape(paging.CursorParameterName)}}</c> while the server reports more. Pass a
            /// <paramref name="{{paging.CursorParameterName.TrimStart('@')}}"/> to start after a known item.
            /// </summary>
            public async global::System.Collections.Generic.IAsyncEnumerable<{{itemType}}> {{operation.MethodName}}AutoPagingAsync({{declaration}})
            {
                var pageCursor = {{paging.CursorParameterName}};
                while (true)
                {
                    var pageResult = await {{operation.MethodName}}Async({{arguments}}).ConfigureAwait(false);
                    if (pageResult is null) yield break;
                    var pageItems = pageResult.{{items.Name}};
                    if (pageItems is null || pageItems.Count == 0) yield break;
                    foreach (var pageItem in pageItems)
                    {
                        yield return pageItem;
                    }

                    if ({{(hasMore.Type.IsNullable ? $"pageResult.{hasMore.Name} != true" : $"!pageResult.{hasMore.Name}")}}) yield break;
                    var nextCursor = {{nextCursor}};
                    // A server that hands back the same cursor would loop forever: stop instead.
                    if (nextCursor is null || nextCursor == pageCursor) yield break;
                    pageCursor = nextCursor;
                }
            }

            """);
    }
}
