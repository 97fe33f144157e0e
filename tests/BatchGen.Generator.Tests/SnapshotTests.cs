using BatchGen.Generator.Tests.Infrastructure;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// The generated sources, one snapshot per generated file: of specs/openai.yaml, and of the runtime
/// tests' specs (security schemes, forms, streams, parameter styles, unions), whose generated code
/// the runtime tests run against real servers; here a change to it shows as a diff.
/// </summary>
[Collection(nameof(Snapshot))] // never beside SnapshotHelperTests, which sets CI and the accept switch
public sealed class SnapshotTests
{
    /// <summary>The runtime tests' specs, with the namespaces their project gives them.</summary>
    private static readonly (string File, string Namespace)[] s_runtimeSpecs =
    {
        ("shapes.yaml", "Shapes"),
        ("keys.yaml", "Keys"),
        ("single-key.yaml", "SingleKey"),
        ("styles.yaml", "Styles"),
        ("forms.yaml", "Forms"),
        ("streams.yaml", "Streams"),
        ("values.yaml", "Values"),
    };

    private static readonly Lazy<IReadOnlyList<(string HintName, string Text)>> s_sources = new(() =>
    {
        var sources = new List<(string HintName, string Text)>(GeneratorHarness.RunBatchSpec().Sources);
        foreach (var (file, ns) in s_runtimeSpecs)
        {
            var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "BatchGen.Runtime.Tests", "Specs", file);
            var outcome = GeneratorHarness.Run(path, File.ReadAllText(path), new Dictionary<string, string> { ["BatchGenNamespace"] = ns });
            Assert.DoesNotContain(outcome.AllGeneratorDiagnostics, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
            sources.AddRange(outcome.Sources);
        }

        return sources;
    });

    public static TheoryData<string> HintNames()
    {
        var data = new TheoryData<string>();
        foreach (var (hintName, _) in s_sources.Value)
        {
            data.Add(hintName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        var text = s_sources.Value.Single(s => s.HintName == hintName).Text;
        Snapshot.Match(hintName.Replace(".g.cs", string.Empty), text);
    }

    [Fact]
    public void Every_snapshot_on_disk_is_still_generated()
    {
        var generated = s_sources.Value.Select(s => s.HintName.Replace(".g.cs", string.Empty)).ToHashSet();
        var stale = Directory.GetFiles(TestPaths.SnapshotDirectory, "*.verified.cs")
            .Select(p => Path.GetFileName(p).Replace(".verified.cs", string.Empty))
            .Where(name => !generated.Contains(name))
            .ToList();
        Assert.True(stale.Count == 0, "Snapshots no longer generated (delete them): " + string.Join(", ", stale));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var again = GeneratorHarness.RunBatchSpec();
        Assert.Equal(s_sources.Value.Take(again.Sources.Count), again.Sources);
    }
}

/// <summary>The snapshot helper itself: a real diff, and no accepting under CI.</summary>
[Collection(nameof(Snapshot))]
public sealed class SnapshotHelperTests
{
    [Fact]
    public void A_mismatch_shows_each_change_with_context()
    {
        var expected = string.Join("\n", Enumerable.Range(1, 20).Select(i => "line " + i));
        var actual = expected.Replace("line 5\n", "line five\n").Replace("line 18\n", string.Empty);

        var diff = Snapshot.Diff(expected, actual);

        Assert.Contains("- line 5\n+ line five", diff);
        Assert.Contains("  line 2\n", diff);      // context before
        Assert.Contains("  line 8", diff);        // and after
        Assert.Contains("- line 18", diff);
        Assert.DoesNotContain("line 12", diff);   // far from any change
        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
    }

    [Fact]
    public void Accepting_is_refused_under_ci()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        var accept = Environment.GetEnvironmentVariable(Snapshot.AcceptVariable);
        try
        {
            Environment.SetEnvironmentVariable("CI", "true");
            Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");
            var ex = Assert.ThrowsAny<Exception>(() => Snapshot.Match("never-written", "text"));
            Assert.Contains("refused under CI=true", ex.Message);
            Assert.False(File.Exists(Path.Combine(TestPaths.SnapshotDirectory, "never-written.verified.cs")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", ci);
            Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, accept);
        }
    }
}
