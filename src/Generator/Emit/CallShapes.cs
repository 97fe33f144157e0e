using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// The call shapes of an operation beyond its plain method: with the response, auto-paging,
/// streaming, and the waits it starts. Their signatures and docs live here, shared by the
/// operation's interface (which declares them, so code that injects <c>IListBatches</c> keeps
/// auto-paging) and the client (which implements them under <c>&lt;inheritdoc/&gt;</c>).
/// </summary>
internal static class CallShapes
{
    private const string EnumeratorCancellation = "[global::System.Runtime.CompilerServices.EnumeratorCancellation] ";

    public static string ResponseTypeName(OperationModel operation, string ns)
        => operation.Response.Type is { } type ? TypeName(type, ns) : "bool";

    public static string WithResponseSignature(OperationModel operation, string ns)
        => $"global::System.Threading.Tasks.Task<{Runtime}.ApiResponse<{ResponseTypeName(operation, ns)}>> {GeneratedNames.WithResponseMethod(operation.MethodName)}({OperationSignature.DeclarationList(operation, ns)})";

    public static void WriteWithResponseDocs(SourceWriter writer, OperationModel operation, string ns)
    {
        writer.WriteLine($"/// <summary>Like <see cref=\"{GeneratedNames.AsyncMethod(operation.MethodName)}\"/>, with the response's status, headers and request id.</summary>");
        OperationSignature.WriteParameterDocs(writer, operation, ns);
        if (operation.Parameters.Any(p => p.Location == ParameterLocation.Path))
        {
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A path parameter is blank, <c>.</c> or <c>..</c>; nothing is sent.</exception>");
        }
    }

    /// <param name="implementation">The client's async iterator, whose token takes <c>[EnumeratorCancellation]</c>.</param>
    public static string PagingSignature(OperationModel operation, PagingModel paging, string ns, bool implementation)
        => $"global::System.Collections.Generic.IAsyncEnumerable<{TypeName(paging.ItemType, ns)}> {paging.MethodName}({OperationSignature.DeclarationList(operation, ns, implementation ? EnumeratorCancellation : null)})";

    public static void WritePagingDocs(SourceWriter writer, OperationModel operation, PagingModel paging, string ns)
    {
        writer.WriteLine($$"""
            /// <summary>
            /// Every item of <see cref="{{GeneratedNames.AsyncMethod(operation.MethodName)}}"/>, page after page: it follows
            /// <c>{{XmlEscape(paging.CursorParameterName)}}</c> while the server reports more. Pass a
            /// <paramref name="{{paging.CursorParameterName.TrimStart('@')}}"/> to start after a known item.
            /// </summary>
            """);
        OperationSignature.WriteParameterDocs(writer, operation, ns);
    }

    public static string StreamingSignature(OperationModel operation, StreamingModel streaming, string ns)
        => $"global::System.Collections.Generic.IAsyncEnumerable<{TypeName(streaming.EventType, ns)}> {streaming.MethodName}({OperationSignature.DeclarationList(operation, ns)})";

    public static void WriteStreamingDocs(SourceWriter writer, OperationModel operation, StreamingModel streaming, string ns)
    {
        var sets = streaming.StreamPropertyName is { } property ? $" with <c>{XmlEscape(property)}</c> set" : string.Empty;
        writer.WriteLine($$"""
            /// <summary>
            /// Like <see cref="{{GeneratedNames.AsyncMethod(operation.MethodName)}}"/>{{sets}}, answered as an event stream: each event as it
            /// arrives. The request is sent when the enumeration starts; ending it closes the connection.
            /// </summary>
            """);
        OperationSignature.WriteParameterDocs(writer, operation, ns);
    }

    /// <summary>The waits an operation starts: its create-and-wait or cancel-and-wait, or, for the retrieve, the wait on an existing resource.</summary>
    public static IEnumerable<WaitModel> WaitsStartedBy(ClientModel model, OperationModel operation)
        => model.Waits.Where(w => (w.StartMethodName ?? w.RetrieveMethodName) == operation.MethodName);

    /// <summary>What a wait calls and declares.</summary>
    public sealed record WaitShape(
        string Signature,
        string FirstMethod,
        string FirstArguments,
        string RetrieveMethod,
        string RetrieveArguments,
        IReadOnlyList<(string Name, string Description)> Documented,
        string Summary,
        string ProgressDoc,
        string TokenDoc);

    public static WaitShape Wait(ClientModel model, WaitModel wait)
    {
        var ns = model.Namespace;
        var resource = TypeName(wait.ResourceType, ns);
        var (progress, polling, token) = (GeneratedNames.Parameters.Progress, GeneratedNames.Parameters.Polling, GeneratedNames.Parameters.CancellationToken);
        var retrieve = model.Operations.First(o => o.MethodName == wait.RetrieveMethodName);
        var retrieveMethod = $"global::{ns}.{retrieve.InterfaceName}.{GeneratedNames.AsyncMethod(retrieve.MethodName)}";
        var start = wait.StartMethodName is { } stem ? model.Operations.First(o => o.MethodName == stem) : null;
        var startMethod = start is null ? null : $"global::{ns}.{start.InterfaceName}.{GeneratedNames.AsyncMethod(start.MethodName)}";

        // The start call's parameters (the create's whole list; the resource's path for the others), then the wait's own.
        var startParameters = start is not null && wait.Kind == WaitKind.Create
            ? OperationSignature.Parameters(start, ns).ToList()
            : wait.PathParameters.Select(p => new OperationSignature.Parameter(TypeName(p.Type, ns), p.Name, null, p.Description)).ToList();
        var declaration = string.Join(", ", startParameters.Select(p => p.Default is null ? $"{p.TypeName} {p.Name}" : $"{p.TypeName} {p.Name} = {p.Default}")
            .Concat(new[] { $"global::System.IProgress<{resource}>? {progress} = null", $"{Runtime}.PollingOptions? {polling} = null", $"global::System.Threading.CancellationToken {token} = default" }));

        // The token goes by name: a retrieve or cancel may have optional parameters after the path.
        var firstArguments = wait.Kind == WaitKind.Create
            ? string.Join(", ", startParameters.Select(p => p.Name).Concat(new[] { $"{token}: {token}" }))
            : string.Join(", ", wait.PathParameters.Select(p => p.Name).Concat(new[] { $"{token}: {token}" }));
        var retrieveArguments = wait.Kind == WaitKind.Create
            ? string.Join(", ", wait.PathParameters.Select((p, i) => i == wait.PathParameters.Count - 1
                ? $"{GeneratedNames.Locals.StartedResource}.{wait.IdPropertyName}"
                : start!.Parameters.First(c => c.Location == ParameterLocation.Path && c.WireName == p.WireName).Name))
            : string.Join(", ", wait.PathParameters.Select(p => p.Name));
        var (summary, first, progressDoc, tokenDoc) = wait.Kind switch
        {
            WaitKind.Create => ($"Calls <see cref=\"{startMethod}\"/>, then polls <see cref=\"{retrieveMethod}\"/>", start!, "after the create and after each poll", "Stops the waiting (the created resource stays)"),
            WaitKind.Cancel => ($"Calls <see cref=\"{startMethod}\"/>, then polls <see cref=\"{retrieveMethod}\"/>", start!, "after the cancel and after each poll", "Stops the waiting (the cancel itself is not undone)"),
            _ => ($"Polls <see cref=\"{retrieveMethod}\"/> (first at once, to resume a wait after a restart)", retrieve, "after each poll", "Stops the waiting"),
        };
        var documented = wait.Kind == WaitKind.Create
            ? startParameters.Select(p => (p.Name, p.Description ?? p.Name)).ToList()
            : wait.PathParameters.Select(p => (p.Name, p.Description ?? p.WireName)).ToList();
        return new WaitShape(
            $"global::System.Threading.Tasks.Task<{resource}> {wait.MethodName}({declaration})",
            GeneratedNames.AsyncMethod(first.MethodName),
            firstArguments,
            GeneratedNames.AsyncMethod(retrieve.MethodName),
            retrieveArguments,
            documented,
            summary,
            progressDoc,
            tokenDoc);
    }

    public static void WriteWaitDocs(SourceWriter writer, WaitModel wait, WaitShape shape)
    {
        var moving = XmlEscape(string.Join(", ", wait.TransitionalValues));
        writer.WriteLine($$"""
            /// <summary>
            /// {{shape.Summary}} with backoff while <c>{{wait.StatusPropertyName}}</c> is still on the move ({{moving}}),
            /// and returns the settled resource.
            /// </summary>
            """);
        foreach (var (name, description) in shape.Documented)
        {
            WriteDocComment(writer, "param", description, $"name=\"{name.TrimStart('@')}\"");
        }

        writer.WriteLine($$"""
            /// <param name="{{GeneratedNames.Parameters.Progress}}">Receives the resource {{shape.ProgressDoc}}.</param>
            /// <param name="{{GeneratedNames.Parameters.Polling}}">Delays, the overall timeout and the clock; by default polls from 1 s up to every 10 s for 15 minutes.</param>
            /// <param name="{{GeneratedNames.Parameters.CancellationToken}}">{{shape.TokenDoc}}.</param>
            /// <exception cref="{{Runtime}}.ApiTimeoutException">Still on the move after the polling timeout.</exception>
            """);
    }
}
