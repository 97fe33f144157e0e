using System.Diagnostics;
using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BatchGen.Generator.Tests;

/// <summary>The complete OpenAI spec (../shared/openai-openapi/openapi.yaml), unfiltered and filtered.</summary>
public sealed class RealSpecTests
{
    private readonly ITestOutputHelper _output;

    public RealSpecTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// The official spec's own faults that BatchGen reports (and generates around): discriminators
    /// whose property the variant does not require. Id and 1-based line:column in openapi.yaml.
    /// </summary>
    private static readonly string[] s_knownSpecFaults =
    {
        "BG0003 32119:15", // CodeInterpreterToolCall.outputs: discriminator 'type' not required
        "BG0003 77215:15", // BetaCodeInterpreterToolCall.outputs: the same
    };

    private static readonly Lazy<string> s_realSpec = new(RealSpec.ReadText);

    [RealSpecFact]
    public void The_whole_spec_generates_code_that_compiles_without_warnings()
    {
        var text = s_realSpec.Value;
        var watch = Stopwatch.StartNew();
        var outcome = GeneratorHarness.Run(TestPaths.RealOpenAiSpec, text!, new Dictionary<string, string> { ["BatchGenNamespace"] = "OpenAI.Full" });
        _output.WriteLine($"generated {outcome.Sources.Count} files in {watch.Elapsed}");

        Assert.Empty(outcome.Result.Results.Where(r => r.Exception is not null).Select(r => r.Exception));
        var errors = outcome.AllGeneratorDiagnostics.Where(d => d.DefaultSeverity >= DiagnosticSeverity.Warning).ToList();
        foreach (var group in outcome.AllGeneratorDiagnostics.GroupBy(d => d.Id))
        {
            _output.WriteLine($"{group.Key}: {group.Count()} e.g. {group.First()}");
        }

        // Exactly the known faults of the official spec, by id and position: a new kind of defect in
        // its output, or a new fault in a new version of the spec, cannot hide behind them.
        var found = errors.Select(d => $"{d.Id} {d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Location.GetLineSpan().StartLinePosition.Character + 1}").OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.True(s_knownSpecFaults.SequenceEqual(found), "Expected exactly:\n" + string.Join("\n", s_knownSpecFaults) + "\nFound:\n" + string.Join("\n", errors.Take(20)));
        var compile = outcome.CompileDiagnostics;
        foreach (var group in compile.GroupBy(d => d.Id).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"{group.Key}: {group.Count()} e.g. {group.First()}");
        }

        Assert.True(compile.Count == 0, string.Join("\n", compile.Take(30)));
    }
}
