using System;
using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Common;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling.Conventions;

/// <summary>
/// Waiting, recognized by shape. A resource is waitable when a <c>GET</c> of it (its last path
/// segment a parameter) returns an object whose <c>status</c> enum has values still on the move.
/// It gets a wait for an existing id (to resume after a restart), and, where they exist, a
/// create-and-wait (a <c>POST</c> to the collection returning the resource, which has an <c>id</c>)
/// and a cancel-and-wait (a <c>POST …/cancel</c> with no required body returning the resource).
/// </summary>
public static class WaitConvention
{
    public static EquatableArray<WaitModel> Find(ClientModel model, NameScope methodNames)
    {
        var result = new List<WaitModel>();
        foreach (var retrieve in model.Operations.Where(o => o.HttpMethod == "GET" && o.Path.EndsWith("}", StringComparison.Ordinal)))
        {
            if (Resource(model, retrieve) is not { } resource)
            {
                continue;
            }

            var (resourceType, status, transitional) = resource;
            var retrievePath = PathParameters(retrieve);
            if (retrievePath.Count == 0 || retrieve.Parameters.Any(p => p.IsRequired && p.Location != ParameterLocation.Path))
            {
                continue;
            }

            WaitModel Wait(WaitKind kind, string methodName, string? startMethodName, string? idPropertyName)
                => new(kind, methodName, startMethodName, retrieve.MethodName, resourceType, status.Name, status.Type, retrievePath.ToEquatableArray(), idPropertyName, transitional.ToEquatableArray());

            result.Add(Wait(WaitKind.Existing, methodNames.ClaimDerived(resourceType.Name!, GeneratedNames.WaitForMethod), null, null));

            var collectionPath = retrieve.Path.Substring(0, retrieve.Path.LastIndexOf('/'));
            var create = model.Operations.FirstOrDefault(o => o.HttpMethod == "POST" && o.Path == collectionPath && o.Response.Type == resourceType);
            var id = model.Objects.First(o => o.Name == resourceType.Name).Properties.FirstOrDefault(p => p.JsonName == "id" && p.Type is { Kind: TypeKind.String, IsNullable: false });
            var createPath = create is null ? null : PathParameters(create).Select(p => p.WireName).ToList();
            // The created resource's id (a string) fills the retrieve's last path parameter, so that must be a string too.
            if (create is not null && id is not null && retrievePath[retrievePath.Count - 1].Type.Kind == TypeKind.String
                && retrievePath.Take(retrievePath.Count - 1).Select(p => p.WireName).SequenceEqual(createPath!))
            {
                result.Add(Wait(WaitKind.Create, methodNames.ClaimDerived(create.MethodName, GeneratedNames.AndWaitMethod), create.MethodName, id.Name));
            }

            var cancel = model.Operations.FirstOrDefault(o => o.HttpMethod == "POST" && o.Path == retrieve.Path + "/cancel" && o.Body is not { IsRequired: true } && o.Response.Type == resourceType);
            if (cancel is not null
                && PathParameters(cancel).Select(p => (p.WireName, p.Type)).SequenceEqual(retrievePath.Select(p => (p.WireName, p.Type)))
                && !cancel.Parameters.Any(p => p.IsRequired && p.Location != ParameterLocation.Path))
            {
                result.Add(Wait(WaitKind.Cancel, methodNames.ClaimDerived(cancel.MethodName, GeneratedNames.AndWaitMethod), cancel.MethodName, null));
            }
        }

        return result.ToEquatableArray();
    }

    private static List<ParameterModel> PathParameters(OperationModel operation)
        => operation.Parameters.Where(p => p.Location == ParameterLocation.Path).ToList();

    /// <summary>The resource a retrieve returns, with its status property and the status values still on the move; null when it cannot be waited on.</summary>
    private static (TypeRef Type, PropertyModel Status, List<string> Transitional)? Resource(ClientModel model, OperationModel retrieve)
    {
        if (retrieve.Response.Type is not { Kind: TypeKind.Object, IsNullable: false } resourceType)
        {
            return null;
        }

        var resource = model.Objects.FirstOrDefault(o => o.Name == resourceType.Name);
        var status = resource?.Properties.FirstOrDefault(p => p.JsonName == "status" && p.Type.Kind is TypeKind.Enum && !p.Type.IsNullable);
        if (status is null)
        {
            return null;
        }

        var transitional = TransitionalValues(model, status.Type);
        return transitional.Count == 0 ? null : (resourceType, status, transitional);
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
