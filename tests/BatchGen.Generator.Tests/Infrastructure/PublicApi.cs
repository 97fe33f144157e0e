using Microsoft.CodeAnalysis;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>The public surface of a namespace in a compilation, as sorted signature lines.</summary>
public static class PublicApi
{
    public static IReadOnlyList<string> Of(Compilation compilation, string ns)
    {
        var target = compilation.GlobalNamespace;
        foreach (var part in ns.Split('.'))
        {
            target = target.GetNamespaceMembers().Single(n => n.Name == part);
        }

        var lines = new List<string>();
        foreach (var type in target.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
        {
            Describe(type, lines);
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Describe(INamedTypeSymbol type, List<string> lines)
    {
        lines.Add($"{type.TypeKind} {type.ToDisplayString()}");
        foreach (var member in type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared))
        {
            if (member is INamedTypeSymbol nested)
            {
                Describe(nested, lines);
            }
            else
            {
                lines.Add($"  {type.Name}: {member.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}");
            }
        }
    }
}
