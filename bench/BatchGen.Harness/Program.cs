using System.Diagnostics;
using System.Text;
using BatchGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// BatchGen.Harness SPEC OUT_DIR: runs the generator once over SPEC as a compiler would (a
// CSharpGeneratorDriver, the spec as an AdditionalFiles item) in a fresh process, and writes the
// generated sources to OUT_DIR. bench/compare-openapi-typescript.sh times it against openapi-typescript.
// BatchGen.Harness --compile DIR... : see CompileProbe.
if (args.Length >= 1 && args[0] == "--compile")
{
    return CompileProbe.Run(args.Skip(1).ToArray());
}

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BatchGen.Harness SPEC OUT_DIR | BatchGen.Harness --compile [--runs N] DIR...");
    return 2;
}

var watch = Stopwatch.StartNew();
var spec = new FileSpec(Path.GetFullPath(args[0]));
var driver = CSharpGeneratorDriver.Create(
    new[] { new BatchGenGenerator().AsSourceGenerator() },
    new AdditionalText[] { spec },
    new CSharpParseOptions(LanguageVersion.CSharp12),
    new NamespaceOptions());
var result = driver.RunGenerators(CSharpCompilation.Create("Harness")).GetRunResult();

Directory.CreateDirectory(args[1]);
var files = 0;
long bytes = 0;
foreach (var source in result.Results.SelectMany(r => r.GeneratedSources))
{
    var text = source.SourceText.ToString();
    File.WriteAllText(Path.Combine(args[1], source.HintName), text);
    files++;
    bytes += text.Length;
}

foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
{
    Console.Error.WriteLine(diagnostic);
}

Console.WriteLine($"{files} files, {bytes / 1024} KiB of C#, in {watch.ElapsedMilliseconds} ms (generator only)");
return result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;

internal sealed class FileSpec : AdditionalText
{
    public FileSpec(string path) => Path = path;

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default)
        => SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
}

internal sealed class NamespaceOptions : AnalyzerConfigOptionsProvider
{
    private static readonly Values s_spec = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.BatchGenNamespace"] = "Harness.OpenAI" });
    private static readonly Values s_none = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions => s_none;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_spec;

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
