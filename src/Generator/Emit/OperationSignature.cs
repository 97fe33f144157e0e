using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>The C# parameter list and return type of an operation, shared by the interface and the client.</summary>
internal static class OperationSignature
{
    public sealed record Parameter(string TypeName, string Name, string? Default, string? Description);

    /// <summary>Path parameters, the body, required parameters, then optional ones (defaulting to null).</summary>
    public static IReadOnlyList<Parameter> Parameters(OperationModel operation, string ns)
    {
        var result = new List<Parameter>();
        foreach (var parameter in operation.Parameters.Where(p => p.IsRequired))
        {
            result.Add(new Parameter(TypeName(parameter.Type, ns), parameter.Name, null, parameter.Description));
        }

        if (operation.Body is { IsRequired: true } body)
        {
            result.Insert(operation.Parameters.Count(p => p.Location == ParameterLocation.Path), new Parameter(BodyTypeName(body, ns), body.ParameterName, null, body.Description ?? "The request body."));
        }

        foreach (var parameter in operation.Parameters.Where(p => !p.IsRequired))
        {
            result.Add(new Parameter(TypeName(parameter.Type, ns), parameter.Name, "null", parameter.Description));
        }

        if (operation.Body is { IsRequired: false } optionalBody)
        {
            result.Add(new Parameter(BodyTypeName(optionalBody, ns) + (optionalBody.IsRawContent ? "?" : string.Empty), optionalBody.ParameterName, "null", optionalBody.Description ?? "The request body."));
        }

        return result;
    }

    private static string BodyTypeName(RequestBodyModel body, string ns)
        => body.IsRawContent ? "global::System.Net.Http.HttpContent" : TypeName(body.Type, ns);

    public static string TaskType(OperationModel operation, string ns)
        => operation.Response.Type is { } type
            ? $"global::System.Threading.Tasks.Task<{TypeName(type, ns)}>"
            : "global::System.Threading.Tasks.Task";

    /// <summary>The parameter list with defaults, ending with the cancellation token.</summary>
    /// <param name="cancellationAttribute">An attribute for the token (<c>[EnumeratorCancellation]</c> on async iterators).</param>
    public static string DeclarationList(OperationModel operation, string ns, string? cancellationAttribute = null, bool withToken = true)
    {
        var parts = Parameters(operation, ns)
            .Select(p => p.Default is not null ? $"{p.TypeName} {p.Name} = {p.Default}" : $"{p.TypeName} {p.Name}")
            .ToList();
        if (withToken)
        {
            parts.Add($"{cancellationAttribute}global::System.Threading.CancellationToken {GeneratedNames.Parameters.CancellationToken} = default");
        }

        // After the token, so the common call passing a token by position still compiles.
        parts.Add($"{Runtime}.RequestOptions? {GeneratedNames.Parameters.RequestOptions} = null");

        return string.Join(", ", parts);
    }

    /// <summary>The arguments that pass every parameter on, by name, ending with the cancellation token.</summary>
    public static string ArgumentList(OperationModel operation, string ns, System.Func<string, string>? replace = null, bool withToken = true)
        => string.Join(", ", Parameters(operation, ns).Select(p => replace?.Invoke(p.Name) ?? p.Name)
            .Concat(withToken ? new[] { GeneratedNames.Parameters.CancellationToken } : new string[0])
            .Concat(new[] { GeneratedNames.Parameters.RequestOptions }));

    /// <summary>A <c>&lt;param&gt;</c> for each parameter, the token and the request options: every call shape of the operation takes them.</summary>
    public static void WriteParameterDocs(SourceWriter writer, OperationModel operation, string ns)
    {
        foreach (var parameter in Parameters(operation, ns))
        {
            WriteDocComment(writer, "param", parameter.Description ?? parameter.Name, $"name=\"{parameter.Name.TrimStart('@')}\"");
        }

        writer.WriteLine($"/// <param name=\"{GeneratedNames.Parameters.CancellationToken}\">Cancels the call, including any retries and backoff.</param>");
        writer.WriteLine($"/// <param name=\"{GeneratedNames.Parameters.RequestOptions}\">Headers, timeout, retries and idempotency key for this call only.</param>");
    }

    public static void WriteDocs(SourceWriter writer, OperationModel operation, string ns)
    {
        WriteDocComment(writer, "summary", operation.Summary ?? operation.Description ?? operation.OperationId);
        if (operation.Summary is not null && operation.Description is not null)
        {
            WriteDocComment(writer, "remarks", operation.Description);
        }

        WriteParameterDocs(writer, operation, ns);
        if (operation.Response.Type is { Kind: TypeKind.Stream })
        {
            var said = operation.Response.Description is { } description ? description.TrimEnd('.') + ". " : string.Empty;
            WriteDocComment(writer, "returns", said + "The body stays on the open connection, whatever media type the server chose: read it, then dispose the result to release the connection.");
        }
        else if (operation.Response.Type is not null)
        {
            WriteDocComment(writer, "returns", operation.Response.Description);
        }
    }
}
