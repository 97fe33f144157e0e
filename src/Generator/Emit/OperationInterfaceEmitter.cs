using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>Emits one interface per operation (<c>ICancelBatch</c>), so callers can depend on exactly what they use.</summary>
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

            writer.WriteLine($"{OperationSignature.TaskType(operation, ns)} {GeneratedNames.AsyncMethod(operation.MethodName)}({OperationSignature.DeclarationList(operation, ns)});");
        }

        return new GeneratedFile(HintName(model, operation.InterfaceName), writer.ToString());
    }
}
