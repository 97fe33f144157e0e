using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits one interface per operation (<c>ICancelBatch</c>), so callers can depend on, and fake,
/// exactly what they use: every call shape of the operation, not only the plain one.
/// </summary>
internal static class OperationInterfaceEmitter
{
    public static GeneratedFile Emit(ClientModel model, OperationModel operation)
    {
        var ns = model.Namespace;
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", operation.Summary ?? operation.OperationId);
        writer.WriteLine($"/// <remarks><c>{operation.HttpMethod} {XmlEscape(operation.Path)}</c> (operation <c>{XmlEscape(operation.OperationId)}</c>).</remarks>");
        writer.WriteLine(GeneratedCodeAttribute);
        using (writer.OpenBlock($"public partial interface {operation.InterfaceName}"))
        {
            OperationSignature.WriteDocs(writer, operation, ns);
            if (operation.IsDeprecated)
            {
                writer.WriteLine("[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]");
            }

            var obsolete = operation.IsDeprecated ? "[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]" : null;
            writer.WriteLine($"{OperationSignature.TaskType(operation, ns)} {GeneratedNames.AsyncMethod(operation.MethodName)}({OperationSignature.DeclarationList(operation, ns)});");
            writer.WriteLine();
            CallShapes.WriteWithResponseDocs(writer, operation, ns);
            WriteMember(writer, obsolete, CallShapes.WithResponseSignature(operation, ns));
            if (operation.Paging is { } paging)
            {
                writer.WriteLine();
                CallShapes.WritePagingDocs(writer, operation, paging, ns);
                WriteMember(writer, obsolete, CallShapes.PagingSignature(operation, paging, ns, implementation: false));
            }

            if (operation.Streaming is { } streaming)
            {
                writer.WriteLine();
                CallShapes.WriteStreamingDocs(writer, operation, streaming, ns);
                WriteMember(writer, obsolete, CallShapes.StreamingSignature(operation, streaming, ns));
            }

            foreach (var wait in CallShapes.WaitsStartedBy(model, operation))
            {
                var shape = CallShapes.Wait(model, wait);
                writer.WriteLine();
                CallShapes.WriteWaitDocs(writer, wait, shape);
                WriteMember(writer, null, shape.Signature);
            }
        }

        return new GeneratedFile(HintName(model, operation.InterfaceName), writer.ToString());
    }

    private static void WriteMember(SourceWriter writer, string? attribute, string signature)
    {
        if (attribute is not null)
        {
            writer.WriteLine(attribute);
        }

        writer.WriteLine(signature + ";");
    }
}
