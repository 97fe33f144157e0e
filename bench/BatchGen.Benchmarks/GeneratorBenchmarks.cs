using BatchGen.Generator.Configuration;
using BatchGen.Generator.Emit;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Modeling;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Modeling.Conventions;

namespace BatchGen.Benchmarks;

/// <summary>
/// The generator inside a build: a first run (what a command-line build pays), each stage of it,
/// and the re-runs an IDE makes on every keystroke (a C# edit: everything cached) and after a
/// one-line spec edit.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    [Params("batch", "full")]
    public string Spec { get; set; } = "batch";

    private GeneratorHost.Spec _spec = null!;
    private GeneratorHost.Spec _editedSpec = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private LoadedSpec _loaded = null!;
    private Generator.Model.ClientModel _model = null!;
    private bool _edited;
    private bool _csharpEdited;

    [GlobalSetup]
    public void Setup()
    {
        var path = Spec == "full" ? Paths.RealSpec : Paths.BatchSpec;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the full-spec benchmarks need ../shared beside the repository.");
        }

        var text = File.ReadAllText(path);
        _spec = new GeneratorHost.Spec(path, text);
        // A one-line edit: a description changes, as in a routine spec update.
        var marker = "The object type, which is always `batch`.";
        _editedSpec = new GeneratorHost.Spec(path, text.Replace(marker, "The object type: always `batch`."));
        _compilation = GeneratorHost.Compilation();
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { public class Added { } }", GeneratorHost.ParseOptions));
        _warmDriver = GeneratorHost.Driver(_spec).RunGenerators(_compilation);
        _loaded = SpecLoader.Load(path, text, CancellationToken.None);
        _model = ModelConventions.Apply(ClientModelBuilder.Build(_loaded.Document!, new SpecOptions("Bench.Generated", null, null, true), path, new List<SpecProblem>(), CancellationToken.None));
    }

    [Benchmark(Description = "first run (all stages)")]
    public GeneratorDriver FirstRun() => GeneratorHost.Driver(_spec).RunGenerators(_compilation);

    [Benchmark(Description = "stage: load (YAML → OpenAPI document)")]
    public LoadedSpec StageLoad() => SpecLoader.Load(_spec.Path, _spec.GetText()!.ToString(), CancellationToken.None);

    [Benchmark(Description = "stage: model (document → ClientModel)")]
    public Generator.Model.ClientModel StageModel()
        => ModelConventions.Apply(ClientModelBuilder.Build(_loaded.Document!, new SpecOptions("Bench.Generated", null, null, true), _spec.Path, new List<SpecProblem>(), CancellationToken.None));

    [Benchmark(Description = "stage: emit (ClientModel → C#)")]
    public int StageEmit() => ClientEmitter.Emit(_model).Count;

    [Benchmark(Description = "re-run after an unrelated C# edit")]
    public GeneratorDriver RerunAfterCSharpEdit()
    {
        // Alternate between two compilations, so every run sees a change in C# and none in the spec.
        _csharpEdited = !_csharpEdited;
        return _warmDriver = _warmDriver.RunGenerators(_csharpEdited ? _editedCompilation : _compilation);
    }

    [Benchmark(Description = "re-run after a one-line spec edit")]
    public GeneratorDriver RerunAfterSpecEdit()
    {
        var (from, to) = _edited ? (_editedSpec, _spec) : (_spec, _editedSpec);
        _edited = !_edited;
        return _warmDriver = _warmDriver.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
    }
}
