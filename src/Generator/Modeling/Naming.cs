using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace BatchGen.Generator.Modeling;

/// <summary>Turns the spec's names (snake_case, camelCase, dotted, paths, free text) into valid C# identifiers.</summary>
public static class Naming
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary><c>input_file_id</c> → <c>InputFileId</c>, <c>/v1/chat/completions</c> → <c>V1ChatCompletions</c>, <c>24h</c> → <c>_24h</c>.</summary>
    public static string ToPascalCase(string name, string fallback = "Value")
    {
        var words = SplitWords(name);
        var shout = !HasLower(name);
        var builder = new StringBuilder(name.Length);
        foreach (var word in words)
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            var rest = word.Substring(1);
            builder.Append(shout ? rest.ToLowerInvariant() : rest);
        }

        return MakeValid(builder.ToString(), fallback);
    }

    /// <summary><c>batch_id</c> → <c>batchId</c>; keywords get an <c>@</c> (<c>@object</c>).</summary>
    public static string ToCamelCase(string name, string fallback = "value")
    {
        var pascal = ToPascalCase(name, fallback);
        if (pascal[0] == '_')
        {
            return pascal;
        }

        var prefix = 0;
        while (prefix < pascal.Length && char.IsUpper(pascal[prefix]))
        {
            prefix++;
        }

        // "URLPath" → "urlPath", "Id" → "id", "ID" → "id"
        var lower = prefix <= 1 || prefix == pascal.Length ? prefix : prefix - 1;
        var camel = pascal.Substring(0, lower).ToLowerInvariant() + pascal.Substring(lower);
        return EscapeKeyword(camel);
    }

    public static string EscapeKeyword(string identifier)
        => s_keywords.Contains(identifier) ? "@" + identifier : identifier;

    public static bool IsKeyword(string identifier) => s_keywords.Contains(identifier);

    /// <summary>The identifier without a leading <c>@</c>, for deriving other names from it.</summary>
    public static string Bare(string identifier) => identifier.TrimStart('@');

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var previous = name[i - 1];
                var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
                var acronymEnd = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (lowerToUpper || acronymEnd)
                {
                    Flush();
                }
            }

            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static bool HasLower(string name)
    {
        foreach (var c in name)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string MakeValid(string identifier, string fallback)
    {
        if (identifier.Length == 0)
        {
            return fallback;
        }

        // Letters outside ASCII are valid in C#, but keep generated APIs typeable everywhere.
        var builder = new StringBuilder(identifier.Length + 1);
        foreach (var c in identifier)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (char.IsLetter(c))
            {
                builder.Append(c);
            }
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}

/// <summary>
/// Hands out unique names in one C# scope (a namespace, a type's members), in the order asked:
/// the first <c>Batch</c> keeps its name, the next gets <c>Batch2</c>. Comparison is ordinal,
/// as in C#, so names differing only by case can coexist.
/// </summary>
public sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(IEnumerable<string>? reserved = null)
        => _taken = new HashSet<string>(reserved ?? Array.Empty<string>(), StringComparer.Ordinal);

    public string Claim(string name)
    {
        var bare = Naming.Bare(name);
        if (_taken.Add(bare))
        {
            return name;
        }

        for (var i = 2; ; i++)
        {
            var candidate = bare + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// Claims a stem together with every name derived from it (<c>CancelBatch</c> with
    /// <c>CancelBatchAsync</c> and <c>CancelBatchWithResponseAsync</c>): the first numbering of the
    /// stem whose derived names are all free. Returns the stem.
    /// </summary>
    public string ClaimGroup(string stem, Func<string, IEnumerable<string>> derive)
    {
        var bare = Naming.Bare(stem);
        for (var i = 1; ; i++)
        {
            var candidate = i == 1 ? bare : bare + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var names = derive(candidate).ToList();
            if (_taken.Contains(candidate) || names.Any(_taken.Contains))
            {
                continue;
            }

            _taken.Add(candidate);
            _taken.UnionWith(names);
            return i == 1 ? stem : candidate;
        }
    }

    /// <summary>
    /// Claims a name derived from a stem (<c>ListBatchesAutoPagingAsync</c>); when it is taken, the
    /// stem is numbered (<c>ListBatches2AutoPagingAsync</c>), never the end of the name.
    /// </summary>
    public string ClaimDerived(string stem, Func<string, string> derive)
    {
        for (var i = 1; ; i++)
        {
            var name = derive(i == 1 ? stem : stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (_taken.Add(name))
            {
                return name;
            }
        }
    }
}
