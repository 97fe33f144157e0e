using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits one interface per tag (<c>IBatchClient</c>) that gathers the tag's operation interfaces:
/// what <c>client.Batch</c> returns, what code that uses one area of an API can inject or fake.
/// </summary>
internal static class TagInterfaceEmitter
{
    public static GeneratedFile Emit(ClientModel model, TagGroupModel group)
    {
        var ns = model.Namespace;
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", group.Description ?? $"The operations tagged {group.Tag}.");
        writer.WriteLine($"/// <remarks>The operations tagged <c>{XmlEscape(group.Tag)}</c>; <see cref=\"global::{ns}.{model.ClientName}.{group.PropertyName}\"/> on the client.</remarks>");
        writer.WriteLine(GeneratedCodeAttribute);
        using (writer.OpenBlock($"public partial interface {group.InterfaceName} : {string.Join(", ", group.OperationInterfaces.Select(i => $"global::{ns}.{i}"))}"))
        {
        }

        return new GeneratedFile(HintName(model, group.InterfaceName), writer.ToString());
    }
}
