using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>
/// The Roslyn SDK's generator test (Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing), set up
/// for BatchGen: specs as AdditionalFiles, their metadata in an .editorconfig as MSBuild writes it,
/// and the references of this process. It checks every diagnostic with its exact span, and that
/// the generated code compiles.
/// </summary>
/// <remarks>
/// The harness normally downloads reference assemblies (Microsoft.NETCore.App.Ref) at test time;
/// this machine's NuGet mirror does not serve them, so the references are this process's own
/// (<see cref="GeneratorHarness.References"/>), as in the driver-based tests. Generated sources are
/// not compared here: the on-disk snapshots do that, reviewably.
/// </remarks>
public sealed class SdkGeneratorTest : CSharpSourceGeneratorTest<BatchGenGenerator, DefaultVerifier>
{
    public SdkGeneratorTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(GeneratorHarness.References);
        TestState.Sources.Add("namespace Consumer { public class Existing { } }");
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>Adds a spec at <paramref name="path"/> with BatchGen metadata, as the package's props declare it.</summary>
    public SdkGeneratorTest WithSpec(string path, string text, string ns = "Specs")
    {
        TestState.AdditionalFiles.Add((path, text));
        TestState.AnalyzerConfigFiles.Add(($"/{Guid.NewGuid():N}.editorconfig", $"[{path}]\nbuild_metadata.AdditionalFiles.BatchGenNamespace = {ns}\n"));
        return this;
    }

    /// <summary>A diagnostic of BatchGen's at a 1-based line and column of <paramref name="path"/>, zero-width as BatchGen reports them.</summary>
    public static DiagnosticResult At(string id, Microsoft.CodeAnalysis.DiagnosticSeverity severity, string path, int line, int column)
        => new DiagnosticResult(id, severity).WithSpan(path, line, column, line, column);
}
