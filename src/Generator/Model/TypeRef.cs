namespace BatchGen.Generator.Model;

public enum TypeKind
{
    String,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Boolean,
    UnixTime,
    DateTime,
    Object,
    Enum,
    Array,
    Map,
    Json,
    Union,

    /// <summary><c>format: binary</c>: a file part of a form body (the runtime's <c>ApiFile</c>).</summary>
    File,

    /// <summary>A response body left on the connection for the caller to read (the runtime's <c>StreamedResponse</c>).</summary>
    Stream,
}

/// <summary>
/// A reference to a C# type in the generated code. <see cref="Name"/> is set for generated
/// types (<see cref="TypeKind.Object"/>, <see cref="TypeKind.Enum"/>); <see cref="Element"/> for
/// arrays and maps.
/// </summary>
public sealed record TypeRef(TypeKind Kind, string? Name, TypeRef? Element, bool IsNullable)
{
    public static TypeRef Primitive(TypeKind kind, bool nullable = false) => new(kind, null, null, nullable);

    public static TypeRef Generated(TypeKind kind, string name, bool nullable = false) => new(kind, name, null, nullable);

    public static TypeRef ArrayOf(TypeRef element, bool nullable = false) => new(TypeKind.Array, null, element, nullable);

    public static TypeRef MapOf(TypeRef element, bool nullable = false) => new(TypeKind.Map, null, element, nullable);

    public static readonly TypeRef Json = new(TypeKind.Json, null, null, false);

    public TypeRef WithNullable(bool nullable) => nullable == IsNullable ? this : this with { IsNullable = nullable };

    public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Single or TypeKind.Double
        or TypeKind.Decimal or TypeKind.Boolean or TypeKind.UnixTime or TypeKind.DateTime
        or TypeKind.Enum or TypeKind.Json;
}
