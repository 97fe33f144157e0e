using BatchGen.Generator.Tests.Infrastructure;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>BatchGenTags and BatchGenOperations select operations; only the schemas they reach are generated.</summary>
public sealed class FilterTests
{
    private static GeneratorRunOutcome RunBatchSpec(params (string Key, string Value)[] metadata)
    {
        var all = new Dictionary<string, string>(GeneratorHarness.DefaultMetadata);
        foreach (var (key, value) in metadata)
        {
            all[key] = value;
        }

        return GeneratorHarness.RunBatchSpec(all);
    }

    private static IReadOnlyList<string> Types(GeneratorRunOutcome outcome)
        => outcome.Sources.Select(s => s.HintName.Split('.')[1]).OrderBy(n => n, StringComparer.Ordinal).ToList();

    [Fact]
    public void One_operation_brings_only_the_schemas_it_reaches()
    {
        var outcome = RunBatchSpec(("BatchGenOperations", "cancelBatch"));

        Assert.Empty(outcome.AllGeneratorDiagnostics);
        Assert.Empty(outcome.CompileDiagnostics);
        var types = Types(outcome);
        Assert.Contains("ICancelBatch", types);
        Assert.Contains("Batch", types);
        Assert.Contains("BatchUsageOutputTokensDetails", types);
        Assert.DoesNotContain("ICreateBatch", types);
        Assert.DoesNotContain("CreateBatchRequest", types);
        Assert.DoesNotContain("ListBatchesResponse", types);
        Assert.DoesNotContain("ErrorResponse", types);
    }

    [Fact]
    public void Entries_are_comma_separated_and_case_insensitive()
    {
        var outcome = RunBatchSpec(("BatchGenOperations", " CancelBatch , retrievebatch "));
        var types = Types(outcome);
        Assert.Contains("ICancelBatch", types);
        Assert.Contains("IRetrieveBatch", types);
        Assert.DoesNotContain("IListBatches", types);
    }

    [Fact]
    public void Tags_and_operations_add_up()
    {
        var outcome = RunBatchSpec(("BatchGenTags", "Nothing"), ("BatchGenOperations", "listBatches"));
        var types = Types(outcome);
        Assert.Contains("IListBatches", types);
        var warning = Assert.Single(outcome.AllGeneratorDiagnostics);
        Assert.Equal("BG0010", warning.Id);
        Assert.Contains("'Nothing'", warning.GetMessage());
    }

    [RealSpecFact]
    public void The_real_spec_filtered_to_Batch_and_Files_has_the_same_public_api_as_our_spec()
    {
        const string ns = "OpenAI.Batches";
        var metadata = new Dictionary<string, string> { ["BatchGenNamespace"] = ns, ["BatchGenClientName"] = "OpenAIClient", ["BatchGenTags"] = "Batch,Files" };
        var real = GeneratorHarness.Run(TestPaths.RealOpenAiSpec, RealSpec.ReadText(), metadata);
        var ours = GeneratorHarness.Run(TestPaths.BatchSpec, File.ReadAllText(TestPaths.BatchSpec), metadata);

        Assert.Empty(real.CompileDiagnostics);
        Assert.Empty(ours.CompileDiagnostics);
        var realApi = PublicApi.Of(real.Output, ns);
        var ourApi = PublicApi.Of(ours.Output, ns);
        Assert.True(
            realApi.SequenceEqual(ourApi),
            "Only in the real spec:\n" + string.Join("\n", realApi.Except(ourApi).Take(20)) + "\nOnly in ours:\n" + string.Join("\n", ourApi.Except(realApi).Take(20)));
        Assert.True(realApi.Count > 100, $"only {realApi.Count} API lines");
    }
}
