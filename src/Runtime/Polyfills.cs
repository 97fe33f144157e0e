#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    // netstandard2.0 lacks the marker type that C# needs for init-only setters and records.
    internal static class IsExternalInit
    {
    }
}
#endif
