using BatchGen.Generator.Common;

namespace BatchGen.Generator.Model;

/// <summary>
/// Everything the emitter needs for one spec, and nothing from Roslyn or Microsoft.OpenApi.
/// Must have structural equality end to end: the emit stage is skipped when it compares equal.
/// </summary>
public sealed record ClientModel(
    string SpecFileName,
    string Namespace,
    string ClientName,
    string? Title,
    string? Description,
    string? DefaultServerUrl,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<UnionTypeModel> Unions,
    EquatableArray<OperationModel> Operations,
    EquatableArray<WaitModel> Waits,
    JsonContextModel JsonContext,
    string EnvironmentPrefix = "API",
    string? Conventions = null,
    EquatableArray<SecuritySchemeModel> SecuritySchemes = default,
    EquatableArray<SecurityRequirementModel> Security = default,
    EquatableArray<TagGroupModel> TagGroups = default);

/// <summary>
/// The operations of one tag, gathered in one interface (<c>IBatchClient</c>) that the client
/// implements and exposes as a property (<c>client.Batch</c>).
/// </summary>
/// <param name="PropertyName">The client's property; empty until the client's member names are claimed.</param>
/// <param name="OperationInterfaces">The per-operation interfaces it extends, in spec order.</param>
public sealed record TagGroupModel(string Tag, string InterfaceName, string PropertyName, string? Description, EquatableArray<string> OperationInterfaces);

public enum SecuritySchemeKind
{
    HttpBearer,
    HttpBasic,
    ApiKey,
    OAuth2,
    OpenIdConnect,
}

/// <summary>One entry of <c>components.securitySchemes</c> that BatchGen can send.</summary>
/// <param name="Name">The key in <c>securitySchemes</c>, as the spec spells it.</param>
/// <param name="ConstantName">The C# name of its constant in the client's <c>SecuritySchemeNames</c>.</param>
/// <param name="Location">For an API key: <c>Header</c>, <c>Query</c> or <c>Cookie</c>.</param>
/// <param name="ParameterName">For an API key: the header, query parameter or cookie name.</param>
public sealed record SecuritySchemeModel(string Name, string ConstantName, SecuritySchemeKind Kind, string? Location, string? ParameterName, string? Description);

/// <summary>One alternative of a <c>security</c> list: schemes needed together (none: anonymous access).</summary>
public sealed record SecurityRequirementModel(EquatableArray<string> Schemes);

/// <summary>The generated <c>JsonSerializerContext</c>: its class name and one property per generated type.</summary>
public sealed record JsonContextModel(string Name, EquatableArray<JsonContextEntry> Entries);

/// <summary>A generated type and the name of its <c>JsonTypeInfo</c> property on the context.</summary>
public sealed record JsonContextEntry(string TypeName, string PropertyName);

/// <summary>A generated record for an object schema.</summary>
public sealed record ObjectTypeModel(
    string Name,
    string SchemaPointer,
    string? Description,
    EquatableArray<PropertyModel> Properties);

/// <summary>One property of an object schema.</summary>
/// <param name="Name">The C# property name.</param>
/// <param name="JsonName">The wire name, exactly as in the spec.</param>
/// <param name="IsRequired">Listed in the schema's <c>required</c>.</param>
/// <param name="ConstantValue">Set when the schema allows a single string value: the property defaults to it.</param>
public sealed record PropertyModel(
    string Name,
    string JsonName,
    TypeRef Type,
    bool IsRequired,
    string? Description,
    bool IsDeprecated,
    string? ConstantValue);

/// <summary>A forward-compatible string enum: known values as static members, any other value kept.</summary>
public sealed record EnumTypeModel(
    string Name,
    string SchemaPointer,
    string? Description,
    EquatableArray<EnumMemberModel> Members);

public sealed record EnumMemberModel(string Name, string Value);

/// <summary>
/// A <c>oneOf</c>/<c>anyOf</c> of several shapes: a class holding one of the variants, with an
/// <c>Is…</c>/<c>As…</c> pair per variant, chosen on read by discriminator or by shape.
/// </summary>
public sealed record UnionTypeModel(
    string Name,
    string SchemaPointer,
    string? Description,
    string? Discriminator,
    EquatableArray<UnionVariantModel> Variants);

/// <param name="AccessorName">The suffix of <c>Is…</c>/<c>As…</c> (<c>ChatCompletionRequestUserMessage</c>, <c>String</c>).</param>
/// <param name="Shape">The runtime's <c>JsonShape</c> member the variant accepts.</param>
/// <param name="FixedValues">Property name and fixed value pairs, flattened.</param>
public sealed record UnionVariantModel(
    string AccessorName,
    TypeRef Type,
    string Shape,
    EquatableArray<string> DiscriminatorValues,
    EquatableArray<string> Required,
    EquatableArray<string> FixedValues);

/// <summary>One operation: an interface with one method, implemented by the client class.</summary>
/// <param name="Security">The operation's own <c>security</c>; null when it uses the spec's default.</param>
/// <param name="Server">The operation's (or its path's) first server, when it has one.</param>
/// <param name="Accept">The media types of its success responses, for <c>Accept</c>; null: JSON.</param>
/// <param name="Errors">Its error responses with JSON bodies, most specific first (codes, ranges, then <c>default</c>).</param>
public sealed record OperationModel(
    string OperationId,
    string MethodName,
    string InterfaceName,
    string HttpMethod,
    string Path,
    string? Summary,
    string? Description,
    bool IsDeprecated,
    EquatableArray<ParameterModel> Parameters,
    RequestBodyModel? Body,
    ResponseModel Response,
    PagingModel? Paging,
    EquatableArray<SecurityRequirementModel>? Security = null,
    string? Server = null,
    string? Accept = null,
    EquatableArray<ErrorResponseModel> Errors = default,
    StreamingModel? Streaming = null,
    EquatableArray<string> Tags = default);

/// <summary>A non-2xx response with a JSON body: <c>400</c>, a range (<c>4XX</c>) or <c>default</c>, and its type.</summary>
public sealed record ErrorResponseModel(string Status, TypeRef Type);

public enum ParameterLocation
{
    Path,
    Query,
    Header,
}

/// <param name="Name">The C# parameter name (camelCase).</param>
/// <param name="WireName">The name in the path template, query string or header.</param>
/// <param name="Style">OpenAPI's <c>style</c>, as the runtime's <c>ParameterStyle</c> member (<c>Form</c>, <c>Simple</c>, <c>DeepObject</c>…).</param>
/// <param name="Explode">OpenAPI's <c>explode</c>, with its default for the style.</param>
public sealed record ParameterModel(
    string Name,
    string WireName,
    ParameterLocation Location,
    TypeRef Type,
    bool IsRequired,
    string? Description,
    string Style = "Form",
    bool Explode = true);

/// <param name="IsRawContent">A body BatchGen does not type: the caller passes an HttpContent.</param>
/// <param name="Form">For a form body, <c>Multipart</c> or <c>UrlEncoded</c> (the runtime's <c>FormBody</c> factory): <see cref="Type"/> is its record.</param>
/// <param name="PartContentTypes">The <c>encoding</c> object's content types, flattened as property name, content type.</param>
public sealed record RequestBodyModel(string ParameterName, TypeRef Type, bool IsRequired, string ContentType, string? Description, bool IsRawContent = false, string? Form = null, EquatableArray<string> PartContentTypes = default);

/// <summary>
/// The success response: a JSON body of <see cref="Type"/>, a streamed body (<see cref="TypeKind.Stream"/>),
/// or no body when it is null.
/// </summary>
/// <param name="MediaTypes">What to ask for in <c>Accept</c>: the media type read, or all the response declares; null when it declares none.</param>
/// <param name="EventType">The event type when the response can also be a <c>text/event-stream</c>.</param>
public sealed record ResponseModel(TypeRef? Type, string? Description, string? MediaTypes = null, TypeRef? EventType = null);

/// <summary>The streaming variant of an operation whose response can be an event stream.</summary>
/// <param name="MethodName">The whole method name (<c>CreateChatCompletionStreamingAsync</c>).</param>
/// <param name="StreamPropertyName">The request body's boolean <c>stream</c> property, which the variant sets; null when it has none.</param>
public sealed record StreamingModel(string MethodName, TypeRef EventType, string? StreamPropertyName);

/// <summary>
/// Cursor paging found from the spec's shape: a query parameter that takes the last seen id,
/// and a response with an item array, a "more" flag and (optionally) a last-id field.
/// </summary>
/// <param name="MethodName">The auto-paging method (<c>ListBatchesAutoPagingAsync</c>).</param>
public sealed record PagingModel(
    string MethodName,
    string CursorParameterName,
    string ItemsPropertyName,
    TypeRef ItemType,
    string HasMorePropertyName,
    string? LastIdPropertyName,
    string? ItemIdPropertyName);

public enum WaitKind
{
    /// <summary>Waits on a resource by id: <c>WaitForBatchAsync(batchId)</c>.</summary>
    Existing,

    /// <summary>Creates the resource, then waits: <c>CreateBatchAndWaitAsync(request)</c>.</summary>
    Create,

    /// <summary>Cancels the resource, then waits: <c>CancelBatchAndWaitAsync(batchId)</c>.</summary>
    Cancel,
}

/// <summary>
/// A method that polls a resource (<c>GET …/{id}</c> returning an object with a <c>status</c>
/// enum) until its status settles, after first creating or cancelling it, or not.
/// </summary>
/// <param name="MethodName">The whole method name (<c>CancelBatchAndWaitAsync</c>).</param>
/// <param name="StartMethodName">The create or cancel operation's stem; null for <see cref="WaitKind.Existing"/>.</param>
/// <param name="PathParameters">The retrieve operation's path parameters.</param>
/// <param name="IdPropertyName">For <see cref="WaitKind.Create"/>: the created resource's id property, the retrieve's last path parameter.</param>
/// <param name="TransitionalValues">Status values that are still on the move (<c>cancelling</c>, <c>in_progress</c>…).</param>
public sealed record WaitModel(
    WaitKind Kind,
    string MethodName,
    string? StartMethodName,
    string RetrieveMethodName,
    TypeRef ResourceType,
    string StatusPropertyName,
    TypeRef StatusType,
    EquatableArray<ParameterModel> PathParameters,
    string? IdPropertyName,
    EquatableArray<string> TransitionalValues);
