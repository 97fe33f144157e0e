using System;
using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Common;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling.Conventions;

/// <summary>
/// Cancel-and-wait, recognized by shape: a <c>POST …/cancel</c> with no required body, and a
/// <c>GET</c> of the same resource returning the same object, whose <c>status</c> enum has values
/// still on the move. The client gets a method that cancels, then polls until the status settles.
/// </summary>
public static class CancelAndWaitConvention
{
    public static EquatableArray<CancelAndWaitModel> Find(ClientModel model, NameScope methodNames)
    {
        var operations = model.Operations;
        var result = new List<CancelAndWaitModel>();
        foreach (var cancel in operations.Where(o => o.HttpMethod == "POST" && o.Path.EndsWith("/cancel", StringComparison.Ordinal) && o.Body is not { IsRequired: true }))
        {
            var resourcePath = cancel.Path.Substring(0, cancel.Path.Length - "/cancel".Length);
            var retrieve = operations.FirstOrDefault(o => o.HttpMethod == "GET" && o.Path == resourcePath && o.Response.Type == cancel.Response.Type);
            if (retrieve is null || cancel.Response.Type is not { Kind: TypeKind.Object, IsNullable: false } resourceType)
            {
                continue;
            }

            var resource = model.Objects.FirstOrDefault(o => o.Name == resourceType.Name);
            var status = resource?.Properties.FirstOrDefault(p => p.JsonName == "status" && p.Type.Kind is TypeKind.Enum or TypeKind.String && !p.Type.IsNullable);
            var pathParameters = cancel.Parameters.Where(p => p.Location == ParameterLocation.Path).ToList();
            var samePathParameters = pathParameters.Select(p => (p.WireName, p.Type)).SequenceEqual(retrieve.Parameters.Where(p => p.Location == ParameterLocation.Path).Select(p => (p.WireName, p.Type)));
            if (status is null || !samePathParameters || cancel.Parameters.Any(p => p.IsRequired && p.Location != ParameterLocation.Path))
            {
                continue;
            }

            var transitional = TransitionalValues(model, status.Type);
            if (transitional.Count == 0)
            {
                continue;
            }

            result.Add(new CancelAndWaitModel(
                methodNames.ClaimDerived(cancel.MethodName, GeneratedNames.AndWaitMethod),
                cancel.MethodName,
                retrieve.MethodName,
                resourceType,
                status.Name,
                status.Type,
                pathParameters.ToEquatableArray(),
                transitional.ToEquatableArray()));
        }

        return result.ToEquatableArray();
    }

    /// <summary>The status enum's values that are still on the move; none for a plain string status.</summary>
    public static List<string> TransitionalValues(ClientModel model, TypeRef statusType)
        => statusType.Kind == TypeKind.Enum
            ? model.Enums.First(e => e.Name == statusType.Name).Members.Select(m => m.Value).Where(IsTransitional).ToList()
            : new List<string>();

    /// <summary>A status still on the move: "cancelling", "in_progress", "queued"…</summary>
    public static bool IsTransitional(string status)
        => status.EndsWith("ing", StringComparison.OrdinalIgnoreCase)
           || status.IndexOf("progress", StringComparison.OrdinalIgnoreCase) >= 0
           || status is "queued" or "pending";
}
