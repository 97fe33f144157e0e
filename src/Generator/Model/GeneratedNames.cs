using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchGen.Generator.Model;

/// <summary>
/// Every name generated code uses that does not come from the spec: the members each kind of
/// generated type always has, the locals and parameters the emitters write into method bodies,
/// and the method names derived from an operation's name. The model builder reserves these
/// before it hands out names from the spec, and the emitters write exactly these, so the two
/// cannot drift apart (a spec parameter named <c>item</c> once collided with an emitter's
/// <c>foreach (var item …)</c>).
/// </summary>
public static class GeneratedNames
{
    /// <summary>Methods derived from an operation's stem (<c>CancelBatch</c>).</summary>
    public static string AsyncMethod(string stem) => stem + "Async";

    public static string WithResponseMethod(string stem) => stem + "WithResponseAsync";

    public static string AutoPagingMethod(string stem) => stem + "AutoPagingAsync";

    public static string AndWaitMethod(string stem) => stem + "AndWaitAsync";

    /// <summary>The wait for an existing resource, from its type's name (<c>WaitForBatchAsync</c>).</summary>
    public static string WaitForMethod(string resourceTypeName) => "WaitFor" + resourceTypeName + "Async";

    /// <summary>The interface gathering a tag's operations (<c>IBatchClient</c>).</summary>
    public static string TagInterface(string tag) => "I" + tag + "Client";

    /// <summary>The private method that builds an operation's request, for operations with a streaming variant.</summary>
    public static string RequestBuilderMethod(string stem) => "Build" + stem + "Request";

    /// <summary>The streaming variant of an operation that answers with JSON or an event stream.</summary>
    public static string StreamingMethod(string stem) => stem + "StreamingAsync";

    /// <summary>The methods every operation gets, whatever its shape: both must be free for a stem to be taken.</summary>
    public static IEnumerable<string> AlwaysDerivedMethods(string stem) => new[] { AsyncMethod(stem), WithResponseMethod(stem) };

    /// <summary>The per-operation interface.</summary>
    public static string OperationInterface(string stem) => "I" + stem;

    /// <summary>The nested converter class of every generated type.</summary>
    public const string JsonConverter = "JsonConverter";

    /// <summary>The JSON context class beside the client.</summary>
    public static string JsonContext(string clientName) => clientName + "JsonContext";

    /// <summary>The record member holding the properties the schema does not list.</summary>
    public const string AdditionalProperties = "AdditionalProperties";

    /// <summary>A converter's <c>JsonNames</c>: its type's JSON property names or enum values, for reading, writing and errors.</summary>
    public const string NamesField = "s_names";

    /// <summary>Members every record has, or that BatchGen adds to it (its converter, its unknown properties).</summary>
    public static readonly IReadOnlyCollection<string> ObjectMembers = Set(
        "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers",
        "Clone", "MemberwiseClone", "Finalize", "ReferenceEquals", JsonConverter, AdditionalProperties);

    /// <summary>Members of every forward-compatible enum struct.</summary>
    public static readonly IReadOnlyCollection<string> EnumMembers = Set(
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "IsKnown", JsonConverter);

    /// <summary>Members of every union class; its accessors are <c>Is…</c>/<c>As…</c> plus the variant's name.</summary>
    public static readonly IReadOnlyCollection<string> UnionMembers = Set(
        "Value", "Unknown", "IsUnknown", "FromUnknown", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "Finalize", "ReferenceEquals", JsonConverter);

    /// <summary>The client's nested class of security scheme name constants.</summary>
    public const string SecuritySchemeNames = "SecuritySchemeNames";

    /// <summary>The client's static description of its API for the runtime.</summary>
    public const string ApiDescriptionField = "s_api";

    /// <summary>The static field holding an operation's own <c>security</c>.</summary>
    public static string SecurityField(string stem) => "s_" + stem + "Security";

    /// <summary>The client class's own members, beside the operation methods.</summary>
    public static readonly IReadOnlyCollection<string> ClientMembers = Set(
        "Dispose", "BaseAddress", "DefaultBaseAddress", SecuritySchemeNames, "EnvironmentPrefix", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "Finalize", "ReferenceEquals");

    /// <summary>The JSON context's helper that makes one type's metadata from its converter.</summary>
    public const string JsonContextValueInfo = "ValueInfo";

    /// <summary>Members a <c>JsonSerializerContext</c> already has, and its helper; the context's properties are named after the types.</summary>
    public static readonly IReadOnlyCollection<string> JsonContextMembers = Set(
        "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "Equals", "GetHashCode", "ToString", "GetType",
        "MemberwiseClone", "Finalize", "ReferenceEquals", JsonContextValueInfo);

    /// <summary>
    /// Type names that would equal a member of the type itself (CS0542): the nested converter and
    /// the members records, enums and unions always have. Such a schema's type gets a suffix.
    /// </summary>
    public static readonly IReadOnlyCollection<string> ReservedTypeNames = Set(
        ObjectMembers.Concat(EnumMembers).Concat(UnionMembers).ToArray());

    /// <summary>Added to a type name that is reserved (<c>Equals</c> → <c>EqualsSchema</c>).</summary>
    public const string ReservedTypeSuffix = "Schema";

    /// <summary>Added to a member named like its type (CS0542) or like a reserved member (<c>Owner.owner</c> → <c>OwnerValue</c>).</summary>
    public const string ReservedMemberSuffix = "Value";

    /// <summary>Names of the spec-derived parameters BatchGen introduces itself.</summary>
    public static class Parameters
    {
        /// <summary>A JSON request body.</summary>
        public const string Body = "request";

        /// <summary>A request body the caller builds (<c>HttpContent</c>).</summary>
        public const string Content = "content";

        public const string CancellationToken = "cancellationToken";

        /// <summary>The runtime's per-call settings, on every operation method.</summary>
        public const string RequestOptions = "requestOptions";

        /// <summary>The waits' progress callback and polling options.</summary>
        public const string Progress = "progress";

        public const string Polling = "polling";
    }

    /// <summary>
    /// Locals and local functions the emitters write inside generated method bodies. No operation
    /// parameter may take one of these names. (The emitters' lambda parameters, <c>r</c>, <c>w</c>,
    /// <c>v</c>, may shadow a parameter since C# 8, so they need no reservation.)
    /// </summary>
    public static class Locals
    {
        public const string ApiRequest = "apiRequest";
        public const string BodyValue = "bodyValue";
        public const string QueryItem = "queryItem";
        public const string FormBody = "formBody";
        public const string PageCursor = "pageCursor";
        public const string PageResult = "pageResult";
        public const string PageItems = "pageItems";
        public const string PageItem = "pageItem";
        public const string NextCursor = "nextCursor";
        public const string StartedResource = "startedResource";
        public const string StreamedResponse = "streamedResponse";
        public const string Polled = "polled";
        public const string PollToken = "pollToken";
        public const string IsTransitional = "IsTransitional";

        /// <summary>The parameter of the <see cref="IsTransitional"/> local function.</summary>
        public const string PolledStatus = "polledStatus";

        public static readonly IReadOnlyCollection<string> All = Set(
            ApiRequest, BodyValue, QueryItem, FormBody, PageCursor, PageResult, PageItems, PageItem, NextCursor,
            StartedResource, StreamedResponse, Polled, PollToken, IsTransitional, PolledStatus);
    }

    /// <summary>Every name an operation's parameters must leave free: the locals and the parameters BatchGen adds.</summary>
    public static readonly IReadOnlyCollection<string> ReservedParameterNames = Set(
        Locals.All.Concat(new[] { Parameters.CancellationToken, Parameters.RequestOptions, Parameters.Progress, Parameters.Polling }).ToArray());

    private static IReadOnlyCollection<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
}
