using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="BatchGenGenerator"/> through <see cref="CSharpGeneratorDriver"/>, as the compiler does.</summary>
public static class GeneratorHarness
{
    /// <summary>C# 12 with documentation comments checked, as a project with GenerateDocumentationFile compiles: a public member without docs is CS1591, an error here.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>The BCL of this process and the runtime: what a consumer project compiles against.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(BatchGen.JsonRead).Assembly.Location));
        return references.ToImmutableArray();
    });

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS8785"] = ReportDiagnostic.Error,
                    // The SDK suppresses assembly-unification notes by default (NoWarn 1701;1702).
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, TestOptionsProvider? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new BatchGenGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            options ?? new TestOptionsProvider(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRunOutcome Run(string specPath, string specText, IDictionary<string, string>? metadata = null)
    {
        var spec = new InMemoryAdditionalText(specPath, specText);
        var options = new TestOptionsProvider();
        if (metadata is not null)
        {
            options.SetFileMetadata(specPath, metadata);
        }

        var driver = CreateDriver(new[] { spec }, options);
        driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation("namespace Consumer { /// <summary>A type of the consumer's own.</summary>\n public class Existing { } }"), out var output, out var diagnostics);
        return new GeneratorRunOutcome(driver, driver.GetRunResult(), output, diagnostics);
    }

    public static GeneratorRunOutcome RunBatchSpec(IDictionary<string, string>? metadata = null)
        => Run(TestPaths.BatchSpec, File.ReadAllText(TestPaths.BatchSpec), metadata ?? DefaultMetadata);

    public static readonly IDictionary<string, string> DefaultMetadata = new Dictionary<string, string>
    {
        ["BatchGenNamespace"] = "OpenAI.Batches",
        ["BatchGenClientName"] = "OpenAIClient",
        ["BatchGenConventions"] = "OpenAI",
    };
}

public sealed record GeneratorRunOutcome(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IReadOnlyList<Diagnostic> AllGeneratorDiagnostics => Result.Diagnostics;

    public IReadOnlyList<(string HintName, string Text)> Sources => Result.Results
        .SelectMany(r => r.GeneratedSources)
        .Select(s => (s.HintName, s.SourceText.ToString()))
        .ToList();

    public string Source(string typeName)
        => Sources.Single(s => s.HintName.EndsWith("." + typeName + ".g.cs", StringComparison.Ordinal)).Text;

    /// <summary>
    /// Compiler diagnostics of the consumer with the generated code, as a warnings-as-errors build
    /// sees them, and stricter: the generated files' <c>#nullable disable warnings</c> is taken
    /// out first, so nullable flow analysis checks the generated code too.
    /// </summary>
    public IReadOnlyList<Diagnostic> CompileDiagnostics => WithNullableWarnings(Output).GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    /// <summary>The line each generated file carries (asserted by <c>CompileTests</c>).</summary>
    public const string NullableWarningsOff = "#nullable disable warnings";

    private static Compilation WithNullableWarnings(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees.ToList())
        {
            var text = tree.GetText().ToString();
            if (text.Contains(NullableWarningsOff, StringComparison.Ordinal))
            {
                // Same line count, so positions in diagnostics still match the generated file.
                var strict = text.Replace(NullableWarningsOff, "#nullable enable", StringComparison.Ordinal);
                compilation = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(strict, (CSharpParseOptions)tree.Options, tree.FilePath));
            }
        }

        return compilation;
    }
}

public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Stands in for the options MSBuild passes: per-file metadata and global properties.</summary>
public sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, TestOptions> _files = new(StringComparer.Ordinal);
    private readonly TestOptions _global = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public void SetFileMetadata(string path, IDictionary<string, string> metadata)
        => _files[path] = new TestOptions(metadata.ToDictionary(p => "build_metadata.AdditionalFiles." + p.Key, p => p.Value));

    public void SetGlobal(string name, string value) => _global.Values["build_property." + name] = value;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _files.TryGetValue(textFile.Path, out var options) ? options : TestOptions.Empty;

    public sealed class TestOptions : AnalyzerConfigOptions
    {
        public static readonly TestOptions Empty = new(new Dictionary<string, string>());

        public TestOptions(Dictionary<string, string> values) => Values = values;

        public Dictionary<string, string> Values { get; }

        public override bool TryGetValue(string key, out string value)
            => Values.TryGetValue(key, out value!);
    }
}
