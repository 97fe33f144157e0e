using System.Linq;
using BatchGen.Generator.Common;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling.Conventions;

/// <summary>
/// Conventions recognized by shape on the finished <see cref="ClientModel"/>: they need no OpenAPI
/// document, so they can be tested from hand-built models. Each adds methods to the client; the
/// names they add are claimed in the client's method scope after every operation's own names.
/// </summary>
public static class ModelConventions
{
    public static ClientModel Apply(ClientModel model)
    {
        var methodNames = ClientMethodScope(model);
        var operations = model.Operations
            .Select(o => PagingConvention.Apply(model, o, methodNames))
            .Select(o => StreamingConvention.Apply(model, o, methodNames))
            .ToEquatableArray();
        model = model with { Operations = operations };
        model = model with { Waits = WaitConvention.Find(model, methodNames) };

        // The tag properties come last: every method keeps its name, a property that would clash is numbered.
        return model with { TagGroups = model.TagGroups.Select(g => g with { PropertyName = methodNames.Claim(Naming.ToPascalCase(g.Tag, "Tag")) }).ToEquatableArray() };
    }

    /// <summary>The names already taken on the client class: its own members and each operation's methods.</summary>
    private static NameScope ClientMethodScope(ClientModel model)
        => new(GeneratedNames.ClientMembers
            .Concat(new[] { model.ClientName })
            .Concat(model.Operations.SelectMany(o => GeneratedNames.AlwaysDerivedMethods(o.MethodName).Concat(new[] { o.MethodName }))));
}
