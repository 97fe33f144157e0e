using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>A spec update changes the generated code with no change to the generator.</summary>
public sealed class EvolutionTests
{
    [Fact]
    public void A_new_property_and_enum_value_appear_after_a_spec_edit()
    {
        var text = File.ReadAllText(TestPaths.BatchSpec)
            .Replace("            - cancelled\n", "            - cancelled\n            - paused\n")
            .Replace("        request_counts:\n          $ref:", "        priority_tier:\n          type: string\n          description: The scheduling tier.\n        request_counts:\n          $ref:");
        var outcome = GeneratorHarness.Run(TestPaths.BatchSpec, text, GeneratorHarness.DefaultMetadata);

        Assert.Empty(outcome.AllGeneratorDiagnostics);
        Assert.Empty(outcome.CompileDiagnostics);
        var batch = outcome.Output.GetTypeByMetadataName("OpenAI.Batches.Batch")!;
        var tier = batch.GetMembers("PriorityTier").OfType<IPropertySymbol>().Single();
        Assert.Equal("string?", tier.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)));
        Assert.Contains("\"priority_tier\", \"request_counts\"", outcome.Source("Batch")); // the converter reads and writes it
        var status = outcome.Output.GetTypeByMetadataName("OpenAI.Batches.BatchStatus")!;
        Assert.Single(status.GetMembers("Paused"));
    }

    [Fact]
    public void Renaming_a_schema_renames_the_type()
    {
        var text = File.ReadAllText(TestPaths.BatchSpec).Replace("BatchRequestCounts", "BatchRequestTally");
        var outcome = GeneratorHarness.Run(TestPaths.BatchSpec, text, GeneratorHarness.DefaultMetadata);
        Assert.Empty(outcome.CompileDiagnostics);
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("OpenAI.Batches.BatchRequestTally"));
        Assert.Null(outcome.Output.GetTypeByMetadataName("OpenAI.Batches.BatchRequestCounts"));
    }
}
