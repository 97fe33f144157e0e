using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace BatchGen.Generator.Emit;

/// <summary>
/// The CommonMark of spec descriptions as XML documentation, so IntelliSense shows text rather
/// than markup: code spans become <c>&lt;c&gt;</c>, absolute links <c>&lt;see href&gt;</c> (a
/// relative link, which has no base in an IDE, keeps only its text), bold <c>&lt;b&gt;</c>,
/// paragraphs <c>&lt;para&gt;</c>, lists <c>&lt;list&gt;</c>, fenced code <c>&lt;code&gt;</c>,
/// headings bold paragraphs. Everything else is escaped text. It covers what specs write, not all
/// of CommonMark: unknown markup stays visible as text, never as broken XML.
/// </summary>
public static class MarkdownDoc
{
    private static readonly Regex s_listItem = new(@"^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_heading = new(@"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_fence = new(@"^\s{0,3}(```|~~~)", RegexOptions.CultureInvariant);
    private static readonly Regex s_link = new(@"\[([^\[\]]+)\]\(([^()\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant);
    private static readonly Regex s_bold = new(@"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*", RegexOptions.CultureInvariant);

    private enum BlockKind
    {
        Paragraph,
        Heading,
        Code,
        BulletList,
        NumberList,
    }

    private sealed class Block
    {
        public Block(BlockKind kind) => Kind = kind;

        public BlockKind Kind { get; }

        /// <summary>Lines of a paragraph or code block; items of a list (each the joined text of the item).</summary>
        public List<string> Lines { get; } = new();
    }

    /// <summary>The description as XML doc lines (no <c>///</c>), escaped and ready to write.</summary>
    public static List<string> ToXmlLines(string markdown)
    {
        var blocks = Parse(markdown);
        var result = new List<string>();
        var plain = blocks.Count == 1 && blocks[0].Kind == BlockKind.Paragraph;
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Paragraph when plain:
                    foreach (var line in block.Lines)
                    {
                        result.Add(Inline(line));
                    }

                    break;
                case BlockKind.Paragraph:
                    result.Add("<para>");
                    foreach (var line in block.Lines)
                    {
                        result.Add(Inline(line));
                    }

                    result.Add("</para>");
                    break;
                case BlockKind.Heading:
                    result.Add("<para><b>" + Inline(block.Lines[0]) + "</b></para>");
                    break;
                case BlockKind.Code:
                    result.Add("<code>");
                    foreach (var line in block.Lines)
                    {
                        result.Add(EmitHelpers.XmlEscape(line));
                    }

                    result.Add("</code>");
                    break;
                default:
                    result.Add(block.Kind == BlockKind.NumberList ? "<list type=\"number\">" : "<list type=\"bullet\">");
                    foreach (var item in block.Lines)
                    {
                        result.Add("<item><description>" + Inline(item) + "</description></item>");
                    }

                    result.Add("</list>");
                    break;
            }
        }

        return result;
    }

    private static List<Block> Parse(string markdown)
    {
        var blocks = new List<Block>();
        Block? current = null;
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.Trim();
            if (s_fence.Match(raw) is { Success: true } fence)
            {
                var code = new Block(BlockKind.Code);
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(fence.Groups[1].Value, System.StringComparison.Ordinal); i++)
                {
                    code.Lines.Add(lines[i].TrimEnd());
                }

                blocks.Add(code);
                current = null;
                continue;
            }

            if (line.Length == 0)
            {
                current = null;
                continue;
            }

            if (s_heading.Match(raw) is { Success: true } heading)
            {
                var block = new Block(BlockKind.Heading);
                block.Lines.Add(heading.Groups[1].Value);
                blocks.Add(block);
                current = null;
                continue;
            }

            if (s_listItem.Match(raw) is { Success: true } item)
            {
                var kind = item.Groups[1].Success ? BlockKind.BulletList : BlockKind.NumberList;
                if (current is null || current.Kind != kind)
                {
                    current = new Block(kind);
                    blocks.Add(current);
                }

                current.Lines.Add(item.Groups[3].Value.Trim());
                continue;
            }

            if (current is { Kind: BlockKind.BulletList or BlockKind.NumberList } list && (raw.StartsWith(" ", System.StringComparison.Ordinal) || raw.StartsWith("\t", System.StringComparison.Ordinal) || list.Lines.Count > 0))
            {
                // A continuation of the last item (indented, or a lazy continuation line).
                list.Lines[list.Lines.Count - 1] += " " + line;
                continue;
            }

            if (current is not { Kind: BlockKind.Paragraph })
            {
                current = new Block(BlockKind.Paragraph);
                blocks.Add(current);
            }

            current.Lines.Add(line);
        }

        return blocks;
    }

    /// <summary>One line's inline markup: code spans kept apart (their text is literal), then links and bold.</summary>
    private static string Inline(string text)
    {
        var builder = new StringBuilder();
        var parts = text.Split('`');
        // An odd count of backticks leaves the last one unpaired: it is text.
        var paired = parts.Length % 2 == 1 ? parts.Length : parts.Length - 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < paired)
            {
                builder.Append("<c>").Append(EmitHelpers.XmlEscape(parts[i])).Append("</c>");
            }
            else
            {
                builder.Append(i % 2 == 1 ? "`" : string.Empty).Append(Prose(parts[i]));
            }
        }

        return builder.ToString();
    }

    private static string Prose(string text)
    {
        var escaped = EmitHelpers.XmlEscape(text);
        escaped = s_link.Replace(escaped, match =>
        {
            var url = match.Groups[2].Value;
            var absolute = url.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase);
            return absolute ? $"<see href=\"{url.Replace("\"", "&quot;")}\">{match.Groups[1].Value}</see>" : match.Groups[1].Value;
        });
        return s_bold.Replace(escaped, "<b>$1</b>");
    }
}
