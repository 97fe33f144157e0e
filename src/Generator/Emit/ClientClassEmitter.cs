using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;
using L = BatchGen.Generator.Model.GeneratedNames.Locals;

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
        var interfaces = model.TagGroups.Select(g => $"global::{ns}.{g.InterfaceName}")
            .Concat(model.Operations.Select(o => $"global::{ns}.{o.InterfaceName}"))
            .Concat(new[] { "global::System.IDisposable" });
        using (writer.OpenBlock($"public sealed partial class {name} : {string.Join(", ", interfaces)}"))
        {
            var defaultAddress = model.DefaultServerUrl is null ? "null" : StringLiteral(model.DefaultServerUrl);
            var prefix = model.EnvironmentPrefix;
            writer.WriteLine($$"""
                /// <summary>The spec's first server, used when neither the options, the HttpClient nor <c>{{prefix}}_BASE_URL</c> name one.</summary>
                public const string? DefaultBaseAddress = {{defaultAddress}};

                /// <summary>The prefix of the environment variables this client reads: <c>{{prefix}}_API_KEY</c> and <c>{{prefix}}_BASE_URL</c>.</summary>
                public const string EnvironmentPrefix = {{StringLiteral(prefix)}};

                """);
            WriteSecuritySchemeNames(writer, model);
            WriteApiDescription(writer, model);
            writer.WriteLine($$"""
                private readonly {{Runtime}}.ApiPipeline _pipeline;

                /// <summary>Creates a client with default options: the key from <c>{{prefix}}_API_KEY</c>, the spec's server.</summary>
                public {{name}}()
                    : this(new {{Runtime}}.ClientOptions())
                {
                }

                /// <summary>Creates a client that owns its own HttpClient.</summary>
                public {{name}}({{Runtime}}.ClientOptions options)
                {
                    if (options is null) throw new global::System.ArgumentNullException(nameof(options));
                    _pipeline = new {{Runtime}}.ApiPipeline(null, options, {{GeneratedNames.ApiDescriptionField}});
                }

                /// <summary>Creates a client over <paramref name="httpClient"/>, which it uses as is and never disposes.</summary>
                /// <remarks>Let its handler leave redirects to the client (<c>AllowAutoRedirect = false</c>): the client follows them itself and sends credentials only to its own origin.</remarks>
                public {{name}}(global::System.Net.Http.HttpClient httpClient, {{Runtime}}.ClientOptions? options = null)
                {
                    if (httpClient is null) throw new global::System.ArgumentNullException(nameof(httpClient));
                    _pipeline = new {{Runtime}}.ApiPipeline(httpClient, options, {{GeneratedNames.ApiDescriptionField}});
                }

                /// <summary>The address requests go to.</summary>
                public global::System.Uri BaseAddress => _pipeline.BaseAddress;

                """);

            foreach (var group in model.TagGroups)
            {
                // The client itself, seen through the tag's interface: no object, no copy of the pipeline.
                WriteDocComment(writer, "summary", group.Description ?? $"The operations tagged {group.Tag}.");
                writer.WriteLine($"public global::{ns}.{group.InterfaceName} {group.PropertyName} => this;");
                writer.WriteLine();
            }

            foreach (var operation in model.Operations)
            {
                WriteOperation(writer, model, operation);
            }

            foreach (var wait in model.Waits)
            {
                WriteWait(writer, model, wait);
            }

            writer.WriteLine("""
                /// <summary>Releases the HttpClient if this client created it.</summary>
                public void Dispose() => _pipeline.Dispose();
                """);
        }

        return new GeneratedFile(HintName(model, name), writer.ToString());
    }

    /// <summary>Constants for the spec's scheme names, so <c>ClientOptions.Credentials</c> needs no string typed by hand.</summary>
    private static void WriteSecuritySchemeNames(SourceWriter writer, ClientModel model)
    {
        if (model.SecuritySchemes.Count == 0)
        {
            return;
        }

        writer.WriteLine($"/// <summary>The spec's security schemes, for <see cref=\"{Runtime}.ApiCredentials\"/>.</summary>");
        using (writer.OpenBlock($"public static class {GeneratedNames.SecuritySchemeNames}"))
        {
            foreach (var scheme in model.SecuritySchemes)
            {
                var how = scheme.Kind switch
                {
                    SecuritySchemeKind.HttpBearer => "HTTP bearer token",
                    SecuritySchemeKind.HttpBasic => "HTTP basic: set it with <c>SetBasic</c>",
                    SecuritySchemeKind.ApiKey => $"API key in {scheme.Location!.ToLowerInvariant()} <c>{XmlEscape(scheme.ParameterName!)}</c>",
                    SecuritySchemeKind.OAuth2 => "OAuth2 access token, sent as a bearer token",
                    _ => "OpenID Connect token, sent as a bearer token",
                };
                writer.WriteLine($"/// <summary>{how}{(scheme.Description is null ? "." : ": " + XmlEscape(scheme.Description))}</summary>");
                writer.WriteLine($"public const string {scheme.ConstantName} = {StringLiteral(scheme.Name)};");
            }
        }

        writer.WriteLine();
    }

    private static void WriteApiDescription(SourceWriter writer, ClientModel model)
    {
        var schemes = model.SecuritySchemes.Select(scheme => scheme.Kind switch
        {
            SecuritySchemeKind.HttpBearer => $"{Runtime}.SecurityScheme.HttpBearer({StringLiteral(scheme.Name)})",
            SecuritySchemeKind.HttpBasic => $"{Runtime}.SecurityScheme.HttpBasic({StringLiteral(scheme.Name)})",
            SecuritySchemeKind.ApiKey => $"{Runtime}.SecurityScheme.ApiKey({StringLiteral(scheme.Name)}, {Runtime}.ApiKeyLocation.{scheme.Location}, {StringLiteral(scheme.ParameterName!)})",
            SecuritySchemeKind.OAuth2 => $"{Runtime}.SecurityScheme.OAuth2({StringLiteral(scheme.Name)})",
            _ => $"{Runtime}.SecurityScheme.OpenIdConnect({StringLiteral(scheme.Name)})",
        });
        var conventions = model.Conventions is null ? $"{Runtime}.ApiConventions.None" : $"{Runtime}.ApiConventions.{model.Conventions}";
        writer.WriteLine($$"""
            private static readonly {{Runtime}}.ApiDescription {{GeneratedNames.ApiDescriptionField}} = new {{Runtime}}.ApiDescription(
                DefaultBaseAddress,
                EnvironmentPrefix,
                new {{Runtime}}.SecurityScheme[] { {{string.Join(", ", schemes)}} },
                {{SecurityExpression(model.Security)}},
                {{conventions}});

            """);

        foreach (var operation in model.Operations)
        {
            if (operation.Security is { } security)
            {
                writer.WriteLine($"private static readonly string[][] {GeneratedNames.SecurityField(operation.MethodName)} = {SecurityExpression(security)};");
                writer.WriteLine();
            }
        }
    }

    private static string SecurityExpression(Common.EquatableArray<SecurityRequirementModel> security)
        => "new string[][] { " + string.Join(", ", security.Select(r => "new string[] { " + string.Join(", ", r.Schemes.Select(StringLiteral)) + " }")) + " }";

    private static void WriteOperation(SourceWriter writer, ClientModel model, OperationModel operation)
    {
        var ns = model.Namespace;
        var declaration = OperationSignature.DeclarationList(operation, ns);
        var arguments = OperationSignature.ArgumentList(operation, ns);
        var obsolete = operation.IsDeprecated ? "[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]\n" : string.Empty;
        var responseType = CallShapes.ResponseTypeName(operation, ns);
        var asyncMethod = GeneratedNames.AsyncMethod(operation.MethodName);
        var withResponseMethod = GeneratedNames.WithResponseMethod(operation.MethodName);

        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine($"{obsolete}public {OperationSignature.TaskType(operation, ns)} {asyncMethod}({declaration})");
        writer.Indentation++;
        writer.WriteLine(operation.Response.Type is null
            ? $"=> {Runtime}.ApiTasks.DiscardAsync({withResponseMethod}({arguments}));"
            : $"=> {Runtime}.ApiTasks.ValueAsync({withResponseMethod}({arguments}));");
        writer.Indentation--;
        writer.WriteLine();

        writer.WriteLine("/// <inheritdoc/>");
        using (writer.OpenBlock($"{obsolete}public {CallShapes.WithResponseSignature(operation, ns)}"))
        {
            if (operation.Streaming is null)
            {
                WriteRequest(writer, model, operation);
            }
            else
            {
                // Shared with the streaming variant, so the request is built in one place.
                writer.WriteLine($"var {L.ApiRequest} = {GeneratedNames.RequestBuilderMethod(operation.MethodName)}({OperationSignature.ArgumentList(operation, ns, withToken: false)});");
            }

            var token = GeneratedNames.Parameters.CancellationToken;
            if (operation.Response.Type is null)
            {
                writer.WriteLine($"return _pipeline.SendAsync({L.ApiRequest}, {token});");
            }
            else if (operation.Response.Type.Kind == TypeKind.Stream)
            {
                writer.WriteLine($"return _pipeline.SendForStreamAsync({L.ApiRequest}, {token});");
            }
            else
            {
                writer.WriteLine($"return _pipeline.SendAsync<{responseType}>({L.ApiRequest}, {ReaderDelegate(operation.Response.Type, ns)}, {token});");
            }
        }

        writer.WriteLine();
        if (operation.Paging is { } paging)
        {
            WritePaging(writer, model, operation, paging);
        }

        if (operation.Streaming is { } streaming)
        {
            WriteStreaming(writer, model, operation, streaming);
        }
    }

    /// <summary>The statements that build <c>apiRequest</c>: settings, path, query and headers, body.</summary>
    private static void WriteRequest(SourceWriter writer, ClientModel model, OperationModel operation)
    {
        var ns = model.Namespace;
        writer.WriteLine($"var {L.ApiRequest} = new {Runtime}.ApiRequest({StringLiteral(operation.HttpMethod)}, {StringLiteral(operation.OperationId)}) {{ Options = {GeneratedNames.Parameters.RequestOptions} }};");
        WriteRequestSettings(writer, ns, operation);
        WritePath(writer, ns, operation);
        foreach (var parameter in operation.Parameters.Where(p => p.Location != ParameterLocation.Path))
        {
            WriteQueryOrHeader(writer, ns, parameter);
        }

        if (operation.Body is { Form: not null } formBody)
        {
            WriteFormBody(writer, model, formBody);
        }
        else if (operation.Body is { } body)
        {
            WriteBody(writer, ns, body);
        }
    }

    /// <summary>
    /// The streaming variant: the same request asking for <c>text/event-stream</c> (with the body's
    /// <c>stream</c> set), its events read as they arrive.
    /// </summary>
    private static void WriteStreaming(SourceWriter writer, ClientModel model, OperationModel operation, StreamingModel streaming)
    {
        var ns = model.Namespace;
        var eventType = TypeName(streaming.EventType, ns);
        var builder = GeneratedNames.RequestBuilderMethod(operation.MethodName);
        var obsolete = operation.IsDeprecated ? "[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]\n" : string.Empty;
        var arguments = OperationSignature.ArgumentList(operation, ns, withToken: false);
        if (streaming.StreamPropertyName is { } stream && operation.Body is { } body)
        {
            var value = body.IsRequired ? $"{body.ParameterName} with {{ {stream} = true }}" : $"{body.ParameterName} is null ? null : {body.ParameterName} with {{ {stream} = true }}";
            arguments = OperationSignature.ArgumentList(operation, ns, name => name == body.ParameterName ? value : name, withToken: false);
        }

        var read = streaming.EventType.Kind == TypeKind.Union
            ? $"static (string e, ref {Json}.Utf8JsonReader r) => global::{ns}.{streaming.EventType.Name}.{GeneratedNames.JsonConverter}.ReadEvent(e, ref r)"
            : $"static (string e, ref {Json}.Utf8JsonReader r) => {ReadExpression(streaming.EventType, ns, "r")}";
        var token = GeneratedNames.Parameters.CancellationToken;
        writer.WriteLine($$"""
            /// <inheritdoc/>
            {{obsolete}}public {{CallShapes.StreamingSignature(operation, streaming, ns)}}
            {
                var {{L.ApiRequest}} = {{builder}}({{arguments}});
                {{L.ApiRequest}}.Accept = "text/event-stream";
                return _pipeline.StreamEventsAsync<{{eventType}}>({{L.ApiRequest}}, {{read}}, {{token}});
            }

            private {{Runtime}}.ApiRequest {{builder}}({{OperationSignature.DeclarationList(operation, ns, withToken: false)}})
            {
            """);
        writer.Indentation++;
        WriteRequest(writer, model, operation);
        writer.WriteLine($"return {L.ApiRequest};");
        writer.Indentation--;
        writer.WriteLine("}");
        writer.WriteLine();
    }

    /// <summary>What differs from the client's defaults: the operation's own security, server and response media types.</summary>
    private static void WriteRequestSettings(SourceWriter writer, string ns, OperationModel operation)
    {
        if (operation.Security is not null)
        {
            writer.WriteLine($"{L.ApiRequest}.Security = {GeneratedNames.SecurityField(operation.MethodName)};");
        }

        if (operation.Server is { } server)
        {
            writer.WriteLine($"{L.ApiRequest}.Server = {StringLiteral(server)};");
        }

        if (operation.Response.MediaTypes is { } accept && accept != "application/json")
        {
            writer.WriteLine($"{L.ApiRequest}.Accept = {StringLiteral(accept)};");
        }

        if (operation.Errors.Count > 0)
        {
            writer.WriteLine($"{L.ApiRequest}.ReadError = static (int status, ref {Json}.Utf8JsonReader r) => status switch");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var error in operation.Errors)
            {
                var pattern = error.Status switch
                {
                    "default" => "_",
                    var range when range.EndsWith("XX", System.StringComparison.Ordinal) => $">= {range[0]}00 and <= {range[0]}99",
                    var code => code,
                };
                writer.WriteLine($"{pattern} => (object?){ReadExpression(error.Type, ns, "r")},");
            }

            if (!operation.Errors.Any(e => e.Status == "default"))
            {
                writer.WriteLine("_ => null,");
            }

            writer.Indentation--;
            writer.WriteLine("};");
        }
    }

    /// <summary>
    /// A form body from its record: files as file parts, scalars as text, arrays as repeated parts,
    /// nested values as JSON; null members are left out.
    /// </summary>
    private static void WriteFormBody(SourceWriter writer, ClientModel model, RequestBodyModel body)
    {
        var ns = model.Namespace;
        var name = body.ParameterName;
        var record = model.Objects.First(o => o.Name == body.Type.Name);
        var partTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < body.PartContentTypes.Count; i += 2)
        {
            partTypes[body.PartContentTypes[i]] = body.PartContentTypes[i + 1];
        }

        if (body.IsRequired)
        {
            writer.WriteLine($"if ({name} is null) throw new global::System.ArgumentNullException(nameof({name}));");
        }

        using (writer.OpenBlock(body.IsRequired ? null : $"if ({name} is not null)"))
        {
            writer.WriteLine($"var {L.FormBody} = {Runtime}.FormBody.{body.Form}();");
            foreach (var property in record.Properties)
            {
                writer.WriteLine(FormPart(ns, $"{name}.{property.Name}", property, partTypes.TryGetValue(property.JsonName, out var partType) ? partType : null));
            }

            writer.WriteLine($"{L.ApiRequest}.SetFormBody({L.FormBody});");
        }
    }

    private static string FormPart(string ns, string access, PropertyModel property, string? partType)
    {
        var wire = StringLiteral(property.JsonName);
        var type = property.Type;
        var contentType = partType is null ? string.Empty : ", " + StringLiteral(partType);
        switch (type.Kind)
        {
            case TypeKind.File:
                return $"{L.FormBody}.AddFile({wire}, {access});";
            case TypeKind.Array when type.Element!.Kind == TypeKind.File:
                return $"{L.FormBody}.AddFiles({wire}, {access});";
            case TypeKind.String:
                return $"{L.FormBody}.Add({wire}, {access}{contentType});";
            case TypeKind.UnixTime:
                return $"{L.FormBody}.Add({wire}, {Runtime}.ApiRequest.Format({access}{(type.IsNullable ? "?" : string.Empty)}.ToUnixTimeSeconds()){contentType});";
            case TypeKind.Array when type.Element!.Kind is not (TypeKind.Object or TypeKind.Map or TypeKind.Union or TypeKind.Json or TypeKind.Array):
                return $"{L.FormBody}.AddItems({wire}, {Runtime}.ApiRequest.FormatItems({access}));";
            case TypeKind.Object or TypeKind.Map or TypeKind.Array or TypeKind.Json:
                var plain = TypeName(type.WithNullable(false), ns);
                return $"{L.FormBody}.AddJson<{plain}>({wire}, {access}, {WriterDelegate(type.WithNullable(false), ns)});";
            case TypeKind.Union:
                var union = TypeName(type.WithNullable(false), ns);
                return $"{L.FormBody}.AddValue<{union}>({wire}, {access}, {access}?.Value, {WriterDelegate(type.WithNullable(false), ns)});";
            default:
                return $"{L.FormBody}.Add({wire}, {Runtime}.ApiRequest.Format({access}){contentType});";
        }
    }

    private static void WriteBody(SourceWriter writer, string ns, RequestBodyModel body)
    {
        var name = body.ParameterName;
        if (body.IsRawContent)
        {
            if (body.IsRequired)
            {
                writer.WriteLine($"if ({name} is null) throw new global::System.ArgumentNullException(nameof({name}));");
                writer.WriteLine($"{L.ApiRequest}.SetContent({name});");
            }
            else
            {
                writer.WriteLine($"if ({name} is not null) {L.ApiRequest}.SetContent({name});");
            }

            return;
        }

        var bodyType = TypeName(body.Type.WithNullable(false), ns);
        var contentType = body.ContentType == "application/json" ? string.Empty : ", " + StringLiteral(body.ContentType);
        string Set(string value)
            => $"{L.ApiRequest}.SetJsonBody<{bodyType}>({value}, {WriterDelegate(body.Type.WithNullable(false), ns)}{contentType});";

        if (body.IsRequired && !body.Type.IsValueType)
        {
            writer.WriteLine($"if ({name} is null) throw new global::System.ArgumentNullException(nameof({name}));");
        }

        if (body.IsRequired)
        {
            writer.WriteLine(Set(name));
        }
        else if (body.Type.IsValueType)
        {
            // A value-type body (a bool, a free-form JsonElement) has no null to check: unwrap it.
            writer.WriteLine($"if ({name} is {{ }} {L.BodyValue}) {Set(L.BodyValue)}");
        }
        else
        {
            writer.WriteLine($"if ({name} is not null) {Set(name)}");
        }
    }

    private static void WritePath(SourceWriter writer, string ns, OperationModel operation)
    {
        var path = operation.Path;
        var position = 0;
        foreach (Match match in s_pathParameter.Matches(path))
        {
            if (match.Index > position)
            {
                writer.WriteLine($"{L.ApiRequest}.AppendPath({StringLiteral(path.Substring(position, match.Index - position))});");
            }

            var wireName = match.Groups[1].Value;
            var parameter = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Path && p.WireName == wireName);
            if (parameter is null)
            {
                // A template variable the spec does not declare: keep it literally rather than invent a parameter.
                writer.WriteLine($"{L.ApiRequest}.AppendPath({StringLiteral(match.Value)});");
            }
            else
            {
                writer.WriteLine(PathParameterCall(parameter, ns));
            }

            position = match.Index + match.Length;
        }

        if (position < path.Length)
        {
            writer.WriteLine($"{L.ApiRequest}.AppendPath({StringLiteral(path.Substring(position))});");
        }
    }

    /// <summary>How a value of this type is serialized: as one scalar, as items, or as an object's name and value pairs.</summary>
    private enum ValueShape
    {
        Scalar,
        Items,
        Pairs,
    }

    private static ValueShape ShapeOf(TypeRef type) => type.Kind switch
    {
        TypeKind.Array => ValueShape.Items,
        TypeKind.Object or TypeKind.Map => ValueShape.Pairs,
        _ => ValueShape.Scalar,
    };

    /// <summary>The text of a scalar parameter; Unix times go as seconds, the way the spec declares them.</summary>
    private static string ScalarText(ParameterModel parameter)
        => parameter.Type.Kind switch
        {
            TypeKind.String => parameter.Name,
            TypeKind.UnixTime => $"{Runtime}.ApiRequest.Format({parameter.Name}{(parameter.Type.IsNullable ? "?" : string.Empty)}.ToUnixTimeSeconds())",
            _ => $"{Runtime}.ApiRequest.Format({parameter.Name})",
        };

    /// <summary>A path value's text: never null (a path parameter's type is not nullable), which only formatting hides from the compiler.</summary>
    private static string NonNull(ParameterModel parameter)
        => parameter.Type.Kind == TypeKind.String ? parameter.Name : ScalarText(parameter) + "!";

    private static string ItemsText(ParameterModel parameter)
        => $"{Runtime}.ApiRequest.FormatItems({parameter.Name})";

    private static string PairsText(ParameterModel parameter, string ns)
    {
        var type = parameter.Type.WithNullable(false);
        var typeName = TypeName(type, ns);
        return $"{Runtime}.ApiRequest.Pairs<{typeName}>({parameter.Name}, {WriterDelegate(type, ns)})";
    }

    private static string Style(ParameterModel parameter) => $"{Runtime}.ParameterStyle.{parameter.Style}, {(parameter.Explode ? "true" : "false")}";

    private static string PathParameterCall(ParameterModel parameter, string ns)
    {
        var wire = StringLiteral(parameter.WireName);
        return ShapeOf(parameter.Type) switch
        {
            ValueShape.Items => $"{L.ApiRequest}.AppendPathItems({wire}, {ItemsText(parameter)}!, {Style(parameter)});",
            ValueShape.Pairs => $"{L.ApiRequest}.AppendPathObject({wire}, {PairsText(parameter, ns)}!, {Style(parameter)});",
            _ when parameter.Style == "Simple" => $"{L.ApiRequest}.AppendPathParameter({wire}, {NonNull(parameter)});",
            _ => $"{L.ApiRequest}.AppendPathParameter({wire}, {NonNull(parameter)}, {Style(parameter)});",
        };
    }

    private static void WriteQueryOrHeader(SourceWriter writer, string ns, ParameterModel parameter)
    {
        var wire = StringLiteral(parameter.WireName);
        var header = parameter.Location == ParameterLocation.Header;
        var explode = parameter.Explode ? "true" : "false";
        writer.WriteLine(ShapeOf(parameter.Type) switch
        {
            ValueShape.Items when header => $"{L.ApiRequest}.AddHeaderItems({wire}, {ItemsText(parameter)}, {explode});",
            ValueShape.Items => $"{L.ApiRequest}.AddQueryItems({wire}, {ItemsText(parameter)}, {Style(parameter)});",
            ValueShape.Pairs when header => $"{L.ApiRequest}.AddHeaderObject({wire}, {PairsText(parameter, ns)}, {explode});",
            ValueShape.Pairs => $"{L.ApiRequest}.AddQueryObject({wire}, {PairsText(parameter, ns)}, {Style(parameter)});",
            _ when header => $"{L.ApiRequest}.AddHeader({wire}, {ScalarText(parameter)});",
            _ => $"{L.ApiRequest}.AddQuery({wire}, {ScalarText(parameter)});",
        });
    }

    /// <summary>A wait: create, cancel or nothing first, then poll the resource until its status settles.</summary>
    private static void WriteWait(SourceWriter writer, ClientModel model, WaitModel wait)
    {
        var shape = CallShapes.Wait(model, wait);
        var transitional = string.Join(" or ", wait.TransitionalValues.Select(StringLiteral));
        var separator = shape.RetrieveArguments.Length == 0 ? string.Empty : ", ";
        var (progress, polling, token) = (GeneratedNames.Parameters.Progress, GeneratedNames.Parameters.Polling, GeneratedNames.Parameters.CancellationToken);
        writer.WriteLine($$"""
            /// <inheritdoc/>
            public async {{shape.Signature}}
            {
                var {{L.StartedResource}} = await {{shape.FirstMethod}}({{shape.FirstArguments}}).ConfigureAwait(false);
                return await {{Runtime}}.Polling.WhileAsync(
                    {{L.StartedResource}},
                    static {{L.Polled}} => {{L.IsTransitional}}({{L.Polled}}.{{wait.StatusPropertyName}}),
                    {{L.PollToken}} => {{shape.RetrieveMethod}}({{shape.RetrieveArguments}}{{separator}}{{token}}: {{L.PollToken}}),
                    {{progress}},
                    {{polling}},
                    {{token}},
                    _pipeline.TimeProvider).ConfigureAwait(false);

                static bool {{L.IsTransitional}}({{TypeName(wait.StatusType, model.Namespace)}} {{L.PolledStatus}}) => {{L.PolledStatus}}.ToString() is {{transitional}};
            }

            """);
    }

    private static void WritePaging(SourceWriter writer, ClientModel model, OperationModel operation, PagingModel paging)
    {
        var ns = model.Namespace;
        var arguments = OperationSignature.ArgumentList(operation, ns, name => name == paging.CursorParameterName ? L.PageCursor : name);
        var page = model.Objects.First(o => o.Name == operation.Response.Type!.Name);
        var items = page.Properties.First(p => p.Name == paging.ItemsPropertyName);
        var hasMore = page.Properties.First(p => p.Name == paging.HasMorePropertyName);
        var lastItemId = paging.ItemIdPropertyName is { } idName ? $"{L.PageItems}[{L.PageItems}.Count - 1]?.{idName}" : "null";
        var nextCursor = paging.LastIdPropertyName is { } lastId ? $"{L.PageResult}.{lastId} ?? {lastItemId}" : lastItemId;
        var noMore = hasMore.Type.IsNullable ? $"{L.PageResult}.{hasMore.Name} != true" : $"!{L.PageResult}.{hasMore.Name}";

        writer.WriteLine($$"""
            /// <inheritdoc/>
            public async {{CallShapes.PagingSignature(operation, paging, ns, implementation: true)}}
            {
                var {{L.PageCursor}} = {{paging.CursorParameterName}};
                while (true)
                {
                    var {{L.PageResult}} = await {{GeneratedNames.AsyncMethod(operation.MethodName)}}({{arguments}}).ConfigureAwait(false);
                    if ({{L.PageResult}} is null) yield break;
                    var {{L.PageItems}} = {{L.PageResult}}.{{items.Name}};
                    if ({{L.PageItems}} is null || {{L.PageItems}}.Count == 0) yield break;
                    foreach (var {{L.PageItem}} in {{L.PageItems}})
                    {
                        yield return {{L.PageItem}};
                    }

                    if ({{noMore}}) yield break;
                    var {{L.NextCursor}} = {{nextCursor}};
                    // A server that hands back the same cursor would loop forever: stop instead.
                    if ({{L.NextCursor}} is null || {{L.NextCursor}} == {{L.PageCursor}}) yield break;
                    {{L.PageCursor}} = {{L.NextCursor}};
                }
            }

            """);
    }
}
