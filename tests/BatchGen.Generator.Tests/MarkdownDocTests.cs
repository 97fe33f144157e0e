using BatchGen.Generator.Emit;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>Spec CommonMark as XML documentation: what IntelliSense shows instead of raw markup.</summary>
public sealed class MarkdownDocTests
{
    private static string Doc(string markdown) => string.Join("\n", MarkdownDoc.ToXmlLines(markdown));

    [Fact]
    public void Code_spans_links_and_bold_become_xml_doc_inline_tags()
    {
        Assert.Equal(
            "Set <c>stream</c> to <b>true</b>; see <see href=\"https://platform.openai.com/docs\">the guide</see> and the Batch guide.",
            Doc("Set `stream` to **true**; see [the guide](https://platform.openai.com/docs) and [the Batch guide](/docs/guides/batch)."));
    }

    [Fact]
    public void Text_is_escaped_and_code_spans_are_literal()
    {
        Assert.Equal("a &lt; b &amp; <c>[x](y) &lt;T&gt;</c> and a lone ` tick", Doc("a < b & `[x](y) <T>` and a lone ` tick"));
    }

    [Fact]
    public void Paragraphs_lists_headings_and_fenced_code_become_blocks()
    {
        var doc = Doc("""
            Upload a file.

            # Limits
            - The Batch API takes `.jsonl` files
              up to 200 MB.
            - Fine-tuning takes **JSONL** too.

            1. write
            2. upload

            ```
            curl -F purpose=batch <url>
            ```
            """);

        Assert.Equal("""
            <para>
            Upload a file.
            </para>
            <para><b>Limits</b></para>
            <list type="bullet">
            <item><description>The Batch API takes <c>.jsonl</c> files up to 200 MB.</description></item>
            <item><description>Fine-tuning takes <b>JSONL</b> too.</description></item>
            </list>
            <list type="number">
            <item><description>write</description></item>
            <item><description>upload</description></item>
            </list>
            <code>
            curl -F purpose=batch &lt;url&gt;
            </code>
            """.Replace("\r\n", "\n"), doc);
    }

    [Fact]
    public void One_paragraph_stays_plain_text_line_by_line()
    {
        Assert.Equal("The ID of the batch\nto cancel.", Doc("The ID of the batch\nto cancel."));
    }
}
