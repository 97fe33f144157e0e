using System.Collections.Generic;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Emit;

/// <summary>Emits every file for one spec, in a stable order.</summary>
public static class ClientEmitter
{
    public static IReadOnlyList<GeneratedFile> Emit(ClientModel model)
    {
        var files = new List<GeneratedFile>();
        foreach (var type in model.Objects)
        {
            files.Add(ObjectTypeEmitter.Emit(model, type));
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

        files.Add(ClientClassEmitter.Emit(model));
        files.Add(JsonContextEmitter.Emit(model));
        return files;
    }
}
