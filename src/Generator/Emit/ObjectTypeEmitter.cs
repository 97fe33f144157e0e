using System.Collections.Generic;
using System.Linq;
using BatchGen.Generator.Model;
using static BatchGen.Generator.Emit.EmitHelpers;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Emits a sealed record for an object schema with a nested <c>JsonConverter</c> that reads with
/// <c>Utf8JsonReader</c> and writes with <c>Utf8JsonWriter</c>: no reflection, trimming and AOT safe.
/// </summary>
internal static class ObjectTypeEmitter
{

    public static GeneratedFile Emit(ClientModel model, ObjectTypeModel type, IReadOnlyDictionary<string, EnumTypeModel> enums)
    {
        var ns = model.Namespace;
        var writer = new SourceWriter();
        WriteFileHeader(writer, model);
        WriteDocComment(writer, "summary", type.Description);
        writer.WriteLine($"/// <remarks>Schema <c>{XmlEscape(type.SchemaPointer)}</c>.</remarks>");
        writer.WriteLine(GeneratedCodeAttribute);
        writer.WriteLine($"[{Json}.Serialization.JsonConverter(typeof(global::{ns}.{type.Name}.{GeneratedNames.JsonConverter}))]");
        using (writer.OpenBlock($"public sealed partial record {type.Name}"))
        {
            var first = true;
            foreach (var property in type.Properties)
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                WriteProperty(writer, model, enums, property);
            }

            if (!first)
            {
                writer.WriteLine();
            }

            writer.WriteLine($$"""
                /// <summary>
                /// Properties the spec does not list, as the server sent them; written back when this is
                /// serialized. Compared by name and JSON text, so equality still holds by value.
                /// </summary>
                public {{Runtime}}.JsonExtensionData? {{GeneratedNames.AdditionalProperties}} { get; init; }

                """);
            WriteConverter(writer, model, enums, type);
        }

        return new GeneratedFile(HintName(model, type.Name), writer.ToString());
    }

    private static void WriteProperty(SourceWriter writer, ClientModel model, IReadOnlyDictionary<string, EnumTypeModel> enums, PropertyModel property)
    {
        var ns = model.Namespace;
        WriteDocComment(writer, "summary", property.Description);
        // C# forbids [Obsolete] on required members (CS9042): for those the docs say it instead.
        var obsoleteAttribute = property.IsDeprecated && (!property.IsRequired || property.ConstantValue is not null);
        var deprecatedNote = property.IsDeprecated && !obsoleteAttribute ? " Deprecated in the OpenAPI spec." : string.Empty;
        var fixedValue = property.ConstantValue is { } only ? $", always <c>{XmlEscape(only)}</c>" : string.Empty;
        writer.WriteLine($"/// <remarks>JSON <c>{XmlEscape(property.JsonName)}</c>{(property.IsRequired ? ", required" : string.Empty)}{fixedValue}.{deprecatedNote}</remarks>");
        if (obsoleteAttribute)
        {
            writer.WriteLine("[global::System.Obsolete(\"Deprecated in the OpenAPI spec.\")]");
        }

        var typeName = TypeName(property.Type, ns);
        if (property.ConstantValue is { } constant)
        {
            writer.WriteLine($"public {typeName} {property.Name} {{ get; init; }} = {ConstantExpression(model, enums, property.Type, constant)};");
            return;
        }

        var required = property.IsRequired ? "required " : string.Empty;
        writer.WriteLine($"public {required}{typeName} {property.Name} {{ get; init; }}");
    }

    /// <summary>The enum's static member for the value when there is one (<c>BatchStatus.Completed</c>), else a literal.</summary>
    private static string ConstantExpression(ClientModel model, IReadOnlyDictionary<string, EnumTypeModel> enums, TypeRef type, string value)
    {
        if (type.Kind != TypeKind.Enum)
        {
            return StringLiteral(value);
        }

        // A dictionary, not a scan: a spec has thousands of enums and of constant-valued properties.
        var member = enums.TryGetValue(type.Name!, out var enumType) ? enumType.Members.FirstOrDefault(m => m.Value == value) : null;
        return member is not null
            ? $"global::{model.Namespace}.{type.Name}.{member.Name}"
            : $"new global::{model.Namespace}.{type.Name}({StringLiteral(value)})";
    }

    /// <summary>
    /// How one property's value is read. A string constant is matched against its one value, so
    /// reading it allocates nothing; a constant-valued property may still be absent or null (it
    /// then takes its value), so its local is nullable whatever its type.
    /// </summary>
    private static string PropertyReadExpression(PropertyModel property, string ns)
    {
        var type = property.Type.WithNullable(property.Type.IsNullable || property.ConstantValue is not null);
        if (property.ConstantValue is { } constant && type.Kind == TypeKind.String)
        {
            return $"reader.TokenType == {Json}.JsonTokenType.Null ? default(string?) : {Runtime}.JsonRead.Constant(ref reader, {StringLiteral(constant)})";
        }

        return ReadExpression(type, ns, "reader");
    }

    private static string Local(PropertyModel property) => "p_" + Naming(property);

    private static string Naming(PropertyModel property) => property.Name.TrimStart('@');

    private static void WriteConverter(SourceWriter writer, ClientModel model, IReadOnlyDictionary<string, EnumTypeModel> enums, ObjectTypeModel type)
    {
        var ns = model.Namespace;
        var fullName = $"global::{ns}.{type.Name}";
        writer.WriteLine($"/// <summary>Reads and writes <see cref=\"{type.Name}\"/> in its wire format without reflection.</summary>");
        writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (writer.OpenBlock(ConverterDeclaration(fullName)))
        {
            if (type.Properties.Count > 0)
            {
                WriteNamesField(writer, type.Properties.Select(p => p.JsonName));
            }

            WriteConverterConstructor(writer);
            writer.WriteLine();

            WriteReadValue(writer, model, enums, type, fullName);
            writer.WriteLine();
            WriteWriteValue(writer, ns, type, fullName);
        }
    }

    private static void WriteReadValue(SourceWriter writer, ClientModel model, IReadOnlyDictionary<string, EnumTypeModel> enums, ObjectTypeModel type, string fullName)
    {
        var ns = model.Namespace;
        writer.WriteLine($"/// <summary>Reads one <see cref=\"{type.Name}\"/>; the reader must be on its first token.</summary>");
        using (writer.OpenBlock($"public static {fullName} ReadValue(ref {Json}.Utf8JsonReader reader)"))
        {
            writer.WriteLine($"{Runtime}.JsonRead.StartObject(ref reader, {StringLiteral(type.Name)});");
            foreach (var property in type.Properties)
            {
                // Locals are nullable so a missing required value can be told from a present one.
                var localType = TypeName(property.Type.WithNullable(true), ns);
                writer.WriteLine($"{localType} {Local(property)} = default;");
            }

            writer.WriteLine($"{Runtime}.JsonExtensionData.Builder? unknownProperties = null;");
            if (type.Properties.Count == 0)
            {
                using (writer.OpenBlock("while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)"))
                {
                    WriteKeepUnknown(writer);
                }
            }
            else
            {
                // The index of the property being read, -1 between properties: a failure inside a
                // value names that property. The next one expected is tried first (spec order).
                writer.WriteLine("var index = -1;");
                writer.WriteLine("var expected = 0;");
                using (writer.OpenBlock("try"))
                {
                    using (writer.OpenBlock("while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)"))
                    {
                        writer.WriteLine($"index = {GeneratedNames.NamesField}.IndexOf(ref reader, expected);");
                        using (writer.OpenBlock("if (index < 0)"))
                        {
                            WriteKeepUnknown(writer);
                            writer.WriteLine("continue;");
                        }

                        writer.WriteLine("reader.Read();");
                        using (writer.OpenBlock("switch (index)"))
                        {
                            for (var i = 0; i < type.Properties.Count; i++)
                            {
                                var property = type.Properties[i];
                                var read = PropertyReadExpression(property, ns);
                                writer.WriteLine($"case {i.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Local(property)} = {read}; break;");
                            }
                        }

                        writer.WriteLine("expected = index + 1;");
                        writer.WriteLine("index = -1;");
                    }
                }

                using (writer.OpenBlock($"catch ({Json}.JsonException ex) when (index >= 0)"))
                {
                    writer.WriteLine($"throw {Runtime}.JsonRead.AtProperty(ex, {StringLiteral(type.Name)}, {GeneratedNames.NamesField}.NameAt(index));");
                }
            }

            writer.WriteLine();
            // A required property the body lacks keeps its default, and the client reports it (or throws, when strict).
            foreach (var property in type.Properties.Where(p => !p.Type.IsNullable && p.ConstantValue is null))
            {
                writer.WriteLine($"if ({Local(property)} is null) {Runtime}.JsonReadContext.MissingRequired({StringLiteral(type.Name)}, {StringLiteral(property.JsonName)});");
            }

            if (type.Properties.Count == 0)
            {
                writer.WriteLine($"return new {fullName} {{ {GeneratedNames.AdditionalProperties} = unknownProperties?.Build() }};");
                return;
            }

            writer.WriteLine($"return new {fullName}");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var property in type.Properties)
            {
                string value;
                if (property.ConstantValue is { } constant)
                {
                    value = $"{Local(property)} ?? {ConstantExpression(model, enums, property.Type, constant)}";
                }
                else if (!property.Type.IsNullable && property.Type.IsValueType)
                {
                    value = $"{Local(property)} ?? default";
                }
                else if (!property.Type.IsNullable)
                {
                    value = Local(property) + "!"; // null only when the body lacked it, which was reported
                }
                else
                {
                    value = Local(property);
                }

                writer.WriteLine($"{property.Name} = {value},");
            }

            writer.WriteLine($"{GeneratedNames.AdditionalProperties} = unknownProperties?.Build(),");

            writer.Indentation--;
            writer.WriteLine("};");
        }
    }

    /// <summary>Keeps a property the spec does not list, so a newer server's survive a round trip.</summary>
    private static void WriteKeepUnknown(SourceWriter writer)
    {
        writer.WriteLine("var unknownName = reader.GetString()!;");
        writer.WriteLine("reader.Read();");
        writer.WriteLine("(unknownProperties ??= new()).Add(unknownName, ref reader);");
    }

    private static void WriteWriteValue(SourceWriter writer, string ns, ObjectTypeModel type, string fullName)
    {
        writer.WriteLine($"/// <summary>Writes one <see cref=\"{type.Name}\"/>. Optional properties that are null are left out.</summary>");
        using (writer.OpenBlock($"public static void WriteValue({Json}.Utf8JsonWriter writer, {fullName} value)"))
        {
            writer.WriteLine("if (value is null) { writer.WriteNullValue(); return; }");
            writer.WriteLine("writer.WriteStartObject();");
            for (var i = 0; i < type.Properties.Count; i++)
            {
                var property = type.Properties[i];
                var access = "value." + property.Name;
                var name = $"writer.WritePropertyName({GeneratedNames.NamesField}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]);";
                if (!property.IsRequired && property.Type.IsNullable)
                {
                    // Inside the null test the value is present: no second test, and a Nullable<T> is read through .Value.
                    var present = property.Type.IsValueType ? access + ".Value" : access;
                    writer.WriteLine($"if ({access} is not null) {{ {name} {WriteStatement(property.Type.WithNullable(false), ns, "writer", present)} }}");
                }
                else
                {
                    writer.WriteLine($"{name} {WriteStatement(property.Type, ns, "writer", access)}");
                }
            }

            writer.WriteLine($"value.{GeneratedNames.AdditionalProperties}?.WriteTo(writer);");
            writer.WriteLine("writer.WriteEndObject();");
        }
    }
}
