using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits a forward-compatible string enum: a readonly struct with one static member per value in
/// the spec, equality by wire value, and room for values a newer server sends (kept and written
/// back unchanged, never collapsed to a default and never thrown on).
/// </summary>
internal static class EnumTypeEmitter
{
    public static GeneratedFile Emit(ClientModel model, EnumTypeModel type)
    {
        var ns = model.Namespace;
        var name = type.Name;
        var fullName = $"global::{ns}.{name}";
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", type.Description);
        writer.WriteLine($$"""
            /// <remarks>
            /// Schema <c>{{XmlEscape(type.SchemaPointer)}}</c>. Values the spec does not list are kept as they are:
            /// compare with the static members, and use <see cref="IsKnown"/> to tell them apart.
            /// </remarks>
            """);
        writer.WriteLine(GeneratedCodeAttribute);
        writer.WriteLine($"[{Json}.Serialization.JsonConverter(typeof({fullName}.{GeneratedNames.JsonConverter}))]");
        using (writer.OpenBlock($"public readonly partial struct {name} : global::System.IEquatable<{fullName}>"))
        {
            writer.WriteLine("private readonly string? _value;");
            writer.WriteLine();
            writer.WriteLine($$"""
                /// <summary>Creates a value from its wire string; any string is accepted.</summary>
                public {{name}}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));

                """);

            foreach (var member in type.Members)
            {
                writer.WriteLine($"/// <summary>The wire value <c>{XmlEscape(member.Value)}</c>.</summary>");
                writer.WriteLine($"public static {fullName} {member.Name} {{ get; }} = new {fullName}({StringLiteral(member.Value)});");
                writer.WriteLine();
            }

            writer.WriteLine("/// <summary>True when the value is one the spec lists.</summary>");
            if (type.Members.Count == 0)
            {
                writer.WriteLine("public bool IsKnown => false;");
            }
            else
            {
                writer.WriteLine("public bool IsKnown => _value switch");
                writer.WriteLine("{");
                writer.Indentation++;
                foreach (var member in type.Members)
                {
                    writer.WriteLine($"{StringLiteral(member.Value)} => true,");
                }

                writer.WriteLine("_ => false,");
                writer.Indentation--;
                writer.WriteLine("};");
            }

            writer.WriteLine($$"""

                /// <summary>The wire value.</summary>
                public override string ToString() => _value ?? string.Empty;

                /// <inheritdoc/>
                public bool Equals({{fullName}} other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);

                /// <inheritdoc/>
                public override bool Equals(object? obj) => obj is {{fullName}} other && Equals(other);

                /// <inheritdoc/>
                public override int GetHashCode() => _value is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_value);

                /// <summary>Whether the two hold the same wire value.</summary>
                public static bool operator ==({{fullName}} left, {{fullName}} right) => left.Equals(right);

                /// <summary>Whether the two hold different wire values.</summary>
                public static bool operator !=({{fullName}} left, {{fullName}} right) => !left.Equals(right);

                /// <summary>Converts a wire string to a value.</summary>
                public static implicit operator {{fullName}}(string value) => new {{fullName}}(value);

                /// <summary>Reads and writes <see cref="{{name}}"/> as its wire string without reflection.</summary>
                [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
                {{ConverterDeclaration(fullName)}}
                {
                """);
            writer.Indentation += 1;
            if (type.Members.Count > 0)
            {
                WriteNamesField(writer, type.Members.Select(m => m.Value));
            }

            WriteConverterConstructor(writer);
            writer.WriteLine($$"""

                /// <summary>Reads a wire string; known values reuse their static instance instead of allocating.</summary>
                public static {{fullName}} ReadValue(ref {{Json}}.Utf8JsonReader reader)
                {
                    {{Runtime}}.JsonRead.ExpectString(ref reader, "{{name}}");
                """);
            writer.Indentation++;
            if (type.Members.Count > 0)
            {
                using (writer.OpenBlock($"switch ({GeneratedNames.NamesField}.IndexOf(ref reader))"))
                {
                    for (var i = 0; i < type.Members.Count; i++)
                    {
                        // Qualified: a value named like a member of JsonConverter<T> ("Type") would bind to that instead.
                        writer.WriteLine($"case {i.ToString(System.Globalization.CultureInfo.InvariantCulture)}: return {fullName}.{type.Members[i].Name};");
                    }
                }

                writer.WriteLine();
            }

            writer.WriteLine($"return new {fullName}(reader.GetString()!);");
            writer.Indentation -= 2;
            writer.WriteLine($$"""
                    }

                    /// <summary>Writes the wire string.</summary>
                    public static void WriteValue({{Json}}.Utf8JsonWriter writer, {{fullName}} value) => writer.WriteStringValue(value.ToString());
                }
                """);
        }

        return new GeneratedFile(HintName(model, name), writer.ToString());
    }
}
