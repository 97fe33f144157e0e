using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits a <c>JsonSerializerContext</c> over the generated converters, so trimmed and Native AOT
/// apps can call <c>JsonSerializer.Serialize(batch, OpenAIClientJsonContext.Default.Batch)</c>
/// with no reflection. (System.Text.Json's own generator cannot do this: generators do not see
/// each other's output.)
/// </summary>
internal static class JsonContextEmitter
{
    public static GeneratedFile Emit(ClientModel model)
    {
        var ns = model.Namespace;
        var name = model.JsonContext.Name;
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        writer.WriteLine($"/// <summary>Metadata for every type generated from {XmlEscape(model.SpecFileName)}, backed by the generated converters.</summary>");
        writer.WriteLine(GeneratedCodeAttribute);
        using (writer.OpenBlock($"public sealed partial class {name} : {Json}.Serialization.JsonSerializerContext"))
        {
            writer.WriteLine($$"""
                /// <summary>A context over default options.</summary>
                public static global::{{ns}}.{{name}} Default { get; } = new global::{{ns}}.{{name}}(new {{Json}}.JsonSerializerOptions());

                /// <summary>Creates a context bound to <paramref name="options"/>.</summary>
                public {{name}}({{Json}}.JsonSerializerOptions options)
                    : base(options)
                {
                }

                /// <inheritdoc/>
                protected override {{Json}}.JsonSerializerOptions? GeneratedSerializerOptions => null;

                // One generic helper rather than the full call spelled out per type: the compiler binds it once.
                private {{Json}}.Serialization.Metadata.JsonTypeInfo<T> {{GeneratedNames.JsonContextValueInfo}}<T>({{Json}}.Serialization.JsonConverter<T> converter)
                    => {{Json}}.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(Options, converter);

                """);

            foreach (var (type, member) in model.JsonContext.Entries)
            {
                writer.WriteLine($$"""
                    private {{Json}}.Serialization.Metadata.JsonTypeInfo<global::{{ns}}.{{type}}>? _{{member}};

                    /// <summary>Metadata for <see cref="global::{{ns}}.{{type}}"/>.</summary>
                    public {{Json}}.Serialization.Metadata.JsonTypeInfo<global::{{ns}}.{{type}}> {{member}}
                        => _{{member}} ??= {{GeneratedNames.JsonContextValueInfo}}(new global::{{ns}}.{{type}}.{{GeneratedNames.JsonConverter}}());

                    """);
            }

            writer.WriteLine("/// <inheritdoc/>");
            using (writer.OpenBlock($"public override {Json}.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)"))
            {
                foreach (var (type, member) in model.JsonContext.Entries)
                {
                    writer.WriteLine($"if (type == typeof(global::{ns}.{type})) return {member};");
                }

                writer.WriteLine("return null;");
            }
        }

        return new GeneratedFile(HintName(model, name), writer.ToString());
    }
}
