using BatchGen.Generator.Tests.Infrastructure;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>The generated sources for specs/openai.yaml, one snapshot per generated file.</summary>
public sealed class SnapshotTests
{
    private static readonly Lazy<GeneratorRunOutcome> s_outcome = new(() => GeneratorHarness.RunBatchSpec());

    public static TheoryData<string> HintNames()
    {
        var data = new TheoryData<string>();
        foreach (var (hintName, _) in s_outcome.Value.Sources)
        {
            data.Add(hintName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_file_matches_its_snapshot(string hintName)
    {
        var text = s_outcome.Value.Sources.Single(s => s.HintName == hintName).Text;
        Snapshot.Match(hintName.Replace(".g.cs", string.Empty), text);
    }

    [Fact]
    public void Every_snapshot_on_disk_is_still_generated()
    {
        var generated = s_outcome.Value.Sources.Select(s => s.HintName.Replace(".g.cs", string.Empty)).ToHashSet();
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
        Assert.Equal(s_outcome.Value.Sources, again.Sources);
    }
}
