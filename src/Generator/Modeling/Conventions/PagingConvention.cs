using System.Linq;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling.Conventions;

/// <summary>
/// Cursor paging, recognized by shape: an <c>after</c> query parameter, and a response object
/// with one item array, a boolean <c>has_more</c>, and a <c>last_id</c> or items with an <c>id</c>.
/// Such an operation also gets an auto-paging method.
/// </summary>
public static class PagingConvention
{
    public static OperationModel Apply(ClientModel model, OperationModel operation, NameScope methodNames)
    {
        var paging = Detect(model, operation);
        return paging is null
            ? operation
            : operation with { Paging = paging with { MethodName = methodNames.ClaimDerived(operation.MethodName, GeneratedNames.AutoPagingMethod) } };
    }

    /// <summary>The paging shape of an operation, with no method name yet; null when it does not page.</summary>
    public static PagingModel? Detect(ClientModel model, OperationModel operation)
    {
        var cursor = operation.Parameters.FirstOrDefault(p => p.Location == ParameterLocation.Query && p.WireName == "after" && p.Type.Kind == TypeKind.String);
        if (cursor is null || operation.Response.Type is not { Kind: TypeKind.Object } responseType)
        {
            return null;
        }

        var page = model.Objects.FirstOrDefault(o => o.Name == responseType.Name);
        if (page is null)
        {
            return null;
        }

        var arrays = page.Properties.Where(p => p.Type.Kind == TypeKind.Array).ToList();
        var items = arrays.FirstOrDefault(p => p.JsonName == "data") ?? (arrays.Count == 1 ? arrays[0] : null);
        var hasMore = page.Properties.FirstOrDefault(p => p.JsonName is "has_more" or "hasMore" && p.Type.Kind == TypeKind.Boolean);
        if (items is null || hasMore is null)
        {
            return null;
        }

        var lastId = page.Properties.FirstOrDefault(p => p.JsonName is "last_id" or "lastId" && p.Type.Kind == TypeKind.String);
        var itemType = items.Type.Element!;
        var itemObject = itemType.Kind == TypeKind.Object ? model.Objects.FirstOrDefault(o => o.Name == itemType.Name) : null;
        var itemId = itemObject?.Properties.FirstOrDefault(p => p.JsonName == "id" && p.Type.Kind == TypeKind.String);
        if (lastId is null && itemId is null)
        {
            return null;
        }

        return new PagingModel(string.Empty, cursor.Name, items.Name, itemType, hasMore.Name, lastId?.Name, itemId?.Name);
    }
}
