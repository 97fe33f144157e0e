using System.Linq;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling.Conventions;

/// <summary>
/// An operation whose response can be a <c>text/event-stream</c> gets a streaming variant that
/// asks for the stream and yields its events. When the request body has a boolean <c>stream</c>
/// property (how OpenAI and others switch streaming on), the variant sets it.
/// </summary>
public static class StreamingConvention
{
    public static OperationModel Apply(ClientModel model, OperationModel operation, NameScope methodNames)
    {
        if (operation.Response.EventType is not { } eventType)
        {
            return operation;
        }

        var body = operation.Body is { Form: null, IsRawContent: false, Type: { Kind: TypeKind.Object } bodyType }
            ? model.Objects.FirstOrDefault(o => o.Name == bodyType.Name)
            : null;
        var stream = body?.Properties.FirstOrDefault(p => p.JsonName == "stream" && p.Type.Kind == TypeKind.Boolean);
        return operation with
        {
            Streaming = new StreamingModel(methodNames.ClaimDerived(operation.MethodName, GeneratedNames.StreamingMethod), eventType, stream?.Name),
        };
    }
}
