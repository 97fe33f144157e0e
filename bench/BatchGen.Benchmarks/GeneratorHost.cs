using System.Collections.Immutable;
using System.Text;
using BatchGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BatchGen.Benchmarks;

/// <summary>Drives the generator as the compiler does: a CSharpGeneratorDriver over a compilation, specs as AdditionalFiles.</summary>
internal static class GeneratorHost
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(BatchGen.JsonRead).Assembly.Location))
            .ToImmutableArray());

    public static CSharpCompilation Compilation(string source = "namespace Consumer { public class Existing { } }")
        => CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions) },
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(AdditionalText spec, bool track = false)
        => CSharpGeneratorDriver.Create(
            new[] { new BatchGenGenerator().AsSourceGenerator() },
            new[] { spec },
            ParseOptions,
            new Options(spec.Path),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    public sealed class Spec : AdditionalText
    {
        private readonly SourceText _text;

        public Spec(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private readonly string _specPath;

        public Options(string specPath) => _specPath = specPath;

        public override AnalyzerConfigOptions GlobalOptions => Values.None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => textFile.Path == _specPath ? Values.Spec : Values.None;

        private sealed class Values : AnalyzerConfigOptions
        {
            public static readonly Values None = new(new Dictionary<string, string>());
            public static readonly Values Spec = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.BatchGenNamespace"] = "Bench.Generated" });

            private readonly Dictionary<string, string> _values;

            private Values(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
