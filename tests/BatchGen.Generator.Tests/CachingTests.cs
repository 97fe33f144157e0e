using System.Collections;
using System.Reflection;
using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>The incremental pipeline: C# edits re-run nothing, spec edits re-run every stage.</summary>
public sealed class CachingTests
{
    private static readonly string[] s_stages =
    {
        TrackingNames.ReadSpec, TrackingNames.BuildModel, TrackingNames.EmitSource, TrackingNames.ReportDiagnostics, TrackingNames.FindDuplicateSpecs,
    };

    private static (GeneratorDriver Driver, Compilation Compilation, InMemoryAdditionalText Spec, TestOptionsProvider Options) FirstRun()
    {
        var spec = new InMemoryAdditionalText(TestPaths.BatchSpec, File.ReadAllText(TestPaths.BatchSpec));
        var options = new TestOptionsProvider();
        options.SetFileMetadata(spec.Path, GeneratorHarness.DefaultMetadata);
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { public class Existing { } }");
        var driver = GeneratorHarness.CreateDriver(new[] { spec }, options).RunGenerators(compilation);
        return (driver, compilation, spec, options);
    }

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_stage_cached()
    {
        var (driver, compilation, _, _) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public class Added { } }", GeneratorHarness.ParseOptions));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var stage in s_stages)
        {
            var steps = result.TrackedSteps[stage];
            Assert.NotEmpty(steps);
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{stage} was {output.Reason}");
            }
        }
    }

    [Fact]
    public void A_spec_edit_reruns_model_and_emit()
    {
        var (driver, compilation, spec, _) = FirstRun();
        var editedText = spec.GetText()!.ToString().Replace("description: The ID of the batch.", "description: The batch's unique ID.");
        var editedSpec = new InMemoryAdditionalText(spec.Path, editedText);
        driver = driver.ReplaceAdditionalText(spec, editedSpec);

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.ReadSpec].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.BuildModel].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[TrackingNames.EmitSource].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        // No diagnostics before or after: that branch compares equal and stays put.
        Assert.All(result.TrackedSteps[TrackingNames.ReportDiagnostics].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.Contains("The batch&apos;s unique ID.".Replace("&apos;", "'"), result.GeneratedSources.Single(s => s.HintName.EndsWith(".Batch.g.cs")).SourceText.ToString());
    }

    [Fact]
    public void A_spec_rewritten_with_the_same_text_reruns_only_the_read()
    {
        var (driver, compilation, spec, _) = FirstRun();
        driver = driver.ReplaceAdditionalText(spec, new InMemoryAdditionalText(spec.Path, spec.GetText()!.ToString()));

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.BuildModel].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(result.TrackedSteps[TrackingNames.EmitSource].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void No_stage_output_holds_a_compilation_symbol_or_syntax_node()
    {
        var (driver, _, _, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();
        foreach (var stage in s_stages)
        {
            foreach (var output in result.TrackedSteps[stage].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, stage, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or Diagnostic, $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                AssertNoRoslynObjects(item, $"{path}[{index++}]", visited);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
