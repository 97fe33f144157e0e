using System.Globalization;
using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits a union for a <c>oneOf</c>/<c>anyOf</c>: a sealed class holding exactly one variant, a
/// constructor and an <c>Is…</c>/<c>As…</c> pair per variant, implicit conversions where C# allows
/// them, and a converter that picks the variant with the runtime's <c>JsonUnion</c> (discriminator,
/// then shape). A value no variant accepts is kept as <c>Unknown</c> and written back unchanged.
/// </summary>
internal static class UnionTypeEmitter
{
    public static GeneratedFile Emit(ClientModel model, UnionTypeModel union)
    {
        var ns = model.Namespace;
        var name = union.Name;
        var fullName = $"global::{ns}.{name}";
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", union.Description ?? $"One of: {string.Join(", ", union.Variants.Select(v => v.AccessorName))}.");
        writer.WriteLine($"/// <remarks>Schema <c>{XmlEscape(union.SchemaPointer)}</c>{(union.Discriminator is null ? string.Empty : $", discriminated by <c>{XmlEscape(union.Discriminator)}</c>")}.</remarks>");
        writer.WriteLine(GeneratedCodeAttribute);
        writer.WriteLine($"[{Json}.Serialization.JsonConverter(typeof({fullName}.{GeneratedNames.JsonConverter}))]");
        using (writer.OpenBlock($"public sealed partial class {name} : global::System.IEquatable<{fullName}>"))
        {
            writer.WriteLine("""
                private readonly object _value;
                private readonly int _variant;

                """);
            for (var i = 0; i < union.Variants.Count; i++)
            {
                var variant = union.Variants[i];
                var index = (i + 1).ToString(CultureInfo.InvariantCulture);
                var typeName = TypeName(variant.Type, ns);
                var isValueType = variant.Type.IsValueType;
                var guard = isValueType ? string.Empty : " ?? throw new global::System.ArgumentNullException(nameof(value))";
                writer.WriteLine($$"""
                    /// <summary>Holds a <c>{{XmlEscape(variant.AccessorName)}}</c>.</summary>
                    public {{name}}({{typeName}} value)
                    {
                        _value = value{{guard}};
                        _variant = {{index}};
                    }

                    /// <summary>True when the value is a <c>{{XmlEscape(variant.AccessorName)}}</c>.</summary>
                    public bool Is{{variant.AccessorName}} => _variant == {{index}};

                    /// <summary>The value as a <c>{{XmlEscape(variant.AccessorName)}}</c>, or null when it is another variant.</summary>
                    public {{typeName}}? As{{variant.AccessorName}} => _variant == {{index}} ? ({{typeName}})_value : default({{typeName}}?);

                    """);

                // C# allows no user-defined conversion from an interface type (CS0552).
                if (variant.Type.Kind is not (TypeKind.Array or TypeKind.Map))
                {
                    writer.WriteLine($"/// <summary>Wraps a <c>{XmlEscape(variant.AccessorName)}</c>.</summary>");
                    writer.WriteLine($"public static implicit operator {fullName}({typeName} value) => new {fullName}(value);");
                    writer.WriteLine();
                }
            }

            writer.WriteLine($$"""
                // The flag keeps this apart from a variant that is itself a JsonElement (a free-form value).
                private {{name}}({{Json}}.JsonElement unknown, bool isUnknown)
                {
                    _ = isUnknown;
                    _value = unknown;
                    _variant = 0;
                }

                /// <summary>Wraps a value that matches no variant the spec lists (a newer server's, say).</summary>
                public static {{fullName}} FromUnknown({{Json}}.JsonElement value) => new {{fullName}}(value, isUnknown: true);

                /// <summary>True when the value matched no variant; it is kept in <see cref="Unknown"/> and written back as it came.</summary>
                public bool IsUnknown => _variant == 0;

                /// <summary>The raw value when it matched no variant.</summary>
                public {{Json}}.JsonElement? Unknown => _variant == 0 ? ({{Json}}.JsonElement)_value : default({{Json}}.JsonElement?);

                /// <summary>The held value, whichever variant it is.</summary>
                public object Value => _value;

                /// <inheritdoc/>
                public bool Equals({{fullName}}? other) => other is not null && _variant == other._variant && (_variant == 0 ? (({{Json}}.JsonElement)_value).GetRawText() == (({{Json}}.JsonElement)other._value).GetRawText() : _value.Equals(other._value));

                /// <inheritdoc/>
                public override bool Equals(object? obj) => Equals(obj as {{fullName}});

                /// <inheritdoc/>
                public override int GetHashCode() => _variant == 0 ? (({{Json}}.JsonElement)_value).GetRawText().GetHashCode() : _value.GetHashCode();

                /// <summary>The held value's text.</summary>
                public override string ToString() => _variant == 0 ? (({{Json}}.JsonElement)_value).GetRawText() : _value.ToString() ?? string.Empty;

                """);

            WriteConverter(writer, ns, union, name, fullName, model.Operations.Any(o => o.Streaming?.EventType.Name == union.Name));
        }

        return new GeneratedFile(HintName(model, name), writer.ToString());
    }

    private static void WriteConverter(SourceWriter writer, string ns, UnionTypeModel union, string name, string fullName, bool isEventType)
    {
        writer.WriteLine($"/// <summary>Reads and writes <see cref=\"{name}\"/> without reflection.</summary>");
        writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (writer.OpenBlock(ConverterDeclaration(fullName)))
        {
            writer.WriteLine($"private static readonly {Runtime}.JsonUnionVariant<{fullName}>[] s_variants =");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var variant in union.Variants)
            {
                var read = $"static (ref {Json}.Utf8JsonReader r) => new {fullName}({ReadExpression(variant.Type, ns, "r")})";
                writer.WriteLine($"new {Runtime}.JsonUnionVariant<{fullName}>({Runtime}.JsonShape.{variant.Shape}, {read}, {StringArray(variant.DiscriminatorValues)}, {StringArray(variant.Required)}, {StringArray(variant.FixedValues)}),");
            }

            writer.Indentation--;
            writer.WriteLine("};");
            var discriminator = union.Discriminator is null ? "null" : StringLiteral(union.Discriminator);
            if (isEventType)
            {
                writer.WriteLine($$"""

                /// <summary>Reads one <see cref="{{name}}"/> that came as a server-sent event: the event's name chooses the variant when the data does not.</summary>
                public static {{fullName}} ReadEvent(string eventName, ref {{Json}}.Utf8JsonReader reader)
                    => {{Runtime}}.JsonUnion.ReadEvent(ref reader, eventName, {{discriminator}}, s_variants, static unknown => new {{fullName}}(unknown, isUnknown: true));
                """);
            }

            writer.WriteLine();
            WriteConverterConstructor(writer);
            writer.WriteLine($$"""

                /// <summary>Reads one <see cref="{{name}}"/>, choosing the variant by discriminator, then by shape.</summary>
                public static {{fullName}} ReadValue(ref {{Json}}.Utf8JsonReader reader)
                    => {{Runtime}}.JsonUnion.Read(ref reader, {{discriminator}}, s_variants, static unknown => new {{fullName}}(unknown, isUnknown: true));

                /// <summary>Writes the held variant.</summary>
                public static void WriteValue({{Json}}.Utf8JsonWriter writer, {{fullName}} value)
                {
                    if (value is null) { writer.WriteNullValue(); return; }
                    switch (value._variant)
                    {
                """);
            writer.Indentation += 2;
            for (var i = 0; i < union.Variants.Count; i++)
            {
                var variant = union.Variants[i];
                var typeName = TypeName(variant.Type, ns);
                writer.WriteLine($"case {(i + 1).ToString(CultureInfo.InvariantCulture)}: {{ var v = ({typeName})value._value; {WriteStatement(variant.Type, ns, "writer", "v")} break; }}");
            }

            writer.WriteLine($"default: (({Json}.JsonElement)value._value).WriteTo(writer); break;");
            writer.Indentation -= 2;
            writer.WriteLine("""
                    }
                }
                """);
        }
    }

    private static string StringArray(BatchGen.Generator.Common.EquatableArray<string> values)
        => values.Count == 0 ? "null" : "new[] { " + string.Join(", ", values.Select(StringLiteral)) + " }";
}
