using System.Collections.Generic;
using System.Globalization;
using System.Text;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Emit;

/// <summary>
/// Joins the files of a large spec into a few larger ones. The compiler declares and parses one
/// file of many types faster than many files of one type each: for the complete OpenAI spec, the
/// same code in 16 files instead of 2,864 took 31 % off declaring and about 9 % off the build
/// (bench/results/compile-levers.md). A spec of up to <see cref="MaxSeparateFiles"/> files keeps
/// one type per file, which is easier to read and to review in a diff.
/// </summary>
public static class SourceBundler
{
    /// <summary>Up to this many files, each type keeps a file of its own.</summary>
    public const int MaxSeparateFiles = 200;

    /// <summary>Files joined into one part: the complete OpenAI spec comes to 16 parts.</summary>
    public const int FilesPerPart = 180;

    /// <summary>
    /// The files as they are, or joined into parts named <c>{spec}.part-01.g.cs</c> (a hyphen, so
    /// no type's file can have the name). Files are joined only when their header (everything up
    /// to and including the namespace line) is the same; the header is then written once.
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Bundle(ClientModel model, IReadOnlyList<GeneratedFile> files)
    {
        if (files.Count <= MaxSeparateFiles)
        {
            return files;
        }

        var header = HeaderOf(files[0].Content);
        var result = new List<GeneratedFile>();
        var part = new StringBuilder();
        var inPart = 0;
        var parts = 0;
        foreach (var file in files)
        {
            if (header is null || HeaderOf(file.Content) != header)
            {
                result.Add(file); // a file of another shape stays whole
                continue;
            }

            if (inPart == 0)
            {
                part.Append(header);
            }
            else
            {
                part.Append('\n');
            }

            part.Append(file.Content, header.Length, file.Content.Length - header.Length);
            if (++inPart == FilesPerPart)
            {
                result.Add(Part(model, ++parts, part));
                inPart = 0;
            }
        }

        if (inPart > 0)
        {
            result.Add(Part(model, ++parts, part));
        }

        return result;
    }

    private static GeneratedFile Part(ClientModel model, int number, StringBuilder text)
    {
        var file = new GeneratedFile(EmitHelpers.HintName(model, "part-" + number.ToString("D2", CultureInfo.InvariantCulture)), text.ToString());
        text.Clear();
        return file;
    }

    /// <summary>
    /// The text up to and including the file-scoped namespace line and the blank line after it, or
    /// null. The writer ends lines with "\n" alone (<see cref="SourceWriter"/>).
    /// </summary>
    private static string? HeaderOf(string content)
    {
        int namespaceLine;
        if (content.StartsWith("namespace ", System.StringComparison.Ordinal))
        {
            namespaceLine = 0;
        }
        else
        {
            var at = content.IndexOf("\nnamespace ", System.StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            namespaceLine = at + 1;
        }

        var lineEnd = content.IndexOf('\n', namespaceLine);
        if (lineEnd < 0 || content[lineEnd - 1] != ';')
        {
            return null; // a block-scoped namespace cannot be split from its types
        }

        var end = lineEnd + 1;
        if (end < content.Length && content[end] == '\n')
        {
            end++;
        }

        return content.Substring(0, end);
    }
}
