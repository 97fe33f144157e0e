#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks the marker type that C# needs for init-only setters and records.
    internal static class IsExternalInit
    {
    }
}
#endif

#if !NETCOREAPP3_0_OR_GREATER
namespace System.Diagnostics.CodeAnalysis
{
    // netstandard2.0 lacks the attribute that tells the compiler a method always throws.
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class DoesNotReturnAttribute : Attribute
    {
    }
}
#endif
