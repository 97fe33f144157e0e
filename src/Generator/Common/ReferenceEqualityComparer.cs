using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace BatchGen.Generator.Common;

/// <summary>Compares by object identity (netstandard2.0 has no System.Collections.Generic.ReferenceEqualityComparer).</summary>
internal sealed class ReferenceEqualityComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceEqualityComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
