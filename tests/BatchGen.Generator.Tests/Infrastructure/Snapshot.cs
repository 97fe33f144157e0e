using System.Text;
using Xunit.Sdk;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a <c>.verified.cs</c> file under Snapshots/. On a mismatch it writes the
/// new text beside it as <c>.received.cs</c> and fails with the first differing lines. To accept
/// all new output, run the tests with <c>BATCHGEN_ACCEPT_SNAPSHOTS=1</c> and review the git diff.
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
            : $"Snapshot {name} differs; see {receivedPath}.\n{FirstDifference(expected, actual)}\nRun with {AcceptVariable}=1 to accept.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}:\n- {e}\n+ {a}";
            }
        }

        return "(only line endings differ)";
    }
}
