using System.Collections.Generic;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Emit;

/// <summary>Emits every file for one spec, in a stable order.</summary>
public static class ClientEmitter
{
    public static IReadOnlyList<GeneratedFile> Emit(ClientModel model)
    {
        var files = new List<GeneratedFile>(model.Objects.Count + model.Enums.Count + model.Unions.Count + model.Operations.Count + 2);
        var enums = new Dictionary<string, EnumTypeModel>(System.StringComparer.Ordinal);
        foreach (var type in model.Enums)
        {
            enums[type.Name] = type;
        }

        foreach (var type in model.Objects)
        {
            files.Add(ObjectTypeEmitter.Emit(model, type, enums));
        }

        foreach (var type in model.Enums)
        {
            files.Add(EnumTypeEmitter.Emit(model, type));
        }

        foreach (var type in model.Unions)
        {
            files.Add(UnionTypeEmitter.Emit(model, type));
        }

        foreach (var operation in model.Operations)
        {
            files.Add(OperationInterfaceEmitter.Emit(model, operation));
        }

        foreach (var group in model.TagGroups)
        {
            files.Add(TagInterfaceEmitter.Emit(model, group));
        }

        files.Add(ClientClassEmitter.Emit(model));
        files.Add(JsonContextEmitter.Emit(model));
        return files;
    }
}
