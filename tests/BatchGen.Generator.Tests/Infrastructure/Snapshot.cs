using System.Text;
using Xunit.Sdk;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a <c>.verified.cs</c> file under Snapshots/. On a mismatch it writes the
/// new text beside it as <c>.received.cs</c> and fails with a diff (changed lines with three lines
/// of context). To accept all new output, run the tests with <c>BATCHGEN_ACCEPT_SNAPSHOTS=1</c> and
/// review the git diff; under <c>CI=true</c> that switch is refused, so CI never rewrites what it checks.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "BATCHGEN_ACCEPT_SNAPSHOTS";

    public static void Match(string name, string actual)
    {
        Directory.CreateDirectory(TestPaths.SnapshotDirectory);
        var verifiedPath = Path.Combine(TestPaths.SnapshotDirectory, name + ".verified.cs");
        var receivedPath = Path.Combine(TestPaths.SnapshotDirectory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new XunitException($"{AcceptVariable}=1 is refused under CI=true: accept snapshots on your machine, review the diff and commit them.");
            }

            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        throw new XunitException(expected is null
            ? $"No snapshot {verifiedPath}. Review {receivedPath}, then run with {AcceptVariable}=1 to accept."
            : $"Snapshot {name} differs; see {receivedPath}.\n{Diff(expected, actual)}\nRun with {AcceptVariable}=1 to accept.");
    }

    /// <summary>
    /// A unified-style diff of the lines (<c>-</c> expected, <c>+</c> actual) with three lines of
    /// context around each change, from the longest common subsequence; at most 80 lines.
    /// </summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        // The edit script: (' ', line), ('-', line), ('+', line), with the line number in expected.
        var script = new List<(char Kind, string Text, int Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                script.Add((' ', a[x], x + 1));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                script.Add(('-', a[x], x + 1));
                x++;
            }
            else
            {
                script.Add(('+', b[y], x + 1));
                y++;
            }
        }

        var shown = new bool[script.Count];
        for (var k = 0; k < script.Count; k++)
        {
            if (script[k].Kind != ' ')
            {
                for (var c = Math.Max(0, k - 3); c <= Math.Min(script.Count - 1, k + 3); c++)
                {
                    shown[c] = true;
                }
            }
        }

        var output = new StringBuilder();
        var lines = 0;
        for (var k = 0; k < script.Count && lines < 80; k++)
        {
            if (!shown[k])
            {
                continue;
            }

            if (k == 0 || !shown[k - 1])
            {
                output.Append("@@ line ").Append(script[k].Line).Append(" @@\n");
            }

            output.Append(script[k].Kind).Append(' ').Append(script[k].Text).Append('\n');
            lines++;
        }

        return lines == 0 ? "(only line endings differ)" : output.ToString().TrimEnd('\n');
    }
}
