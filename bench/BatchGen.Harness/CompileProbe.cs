using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

/// <summary>
/// Where the compiler's time goes on generated code, to find the levers of a complete-spec
/// rebuild by measuring rather than guessing: compiles each directory of C# files (generated
/// output, or a variant of it made by bench/compile-levers.sh) against the BatchGen runtime and
/// the framework, and reports parsing, declaration, binding and emitting separately, best of N
/// runs, directories interleaved so machine noise falls on all alike. Roslyn's own version here is
/// the harness's, not the SDK's compiler: read the ratios between directories, not the absolutes.
/// </summary>
internal static class CompileProbe
{
    public static int Run(string[] args)
    {
        var runs = 3;
        var dirs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs")
            {
                runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                dirs.Add(args[i]);
            }
        }

        if (dirs.Count == 0)
        {
            Console.Error.WriteLine("usage: BatchGen.Harness --compile [--runs N] DIR...");
            return 2;
        }

        var references = References();
        var best = dirs.ToDictionary(d => d, _ => new Phases(double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue));
        for (var run = 0; run < runs; run++)
        {
            foreach (var dir in dirs)
            {
                var phases = Measure(dir, references, out var errors);
                if (errors.Count > 0)
                {
                    Console.Error.WriteLine($"{dir}: {errors.Count} errors, first: {errors[0]}");
                    return 1;
                }

                best[dir] = best[dir].Min(phases);
            }
        }

        Console.WriteLine($"best of {runs}, ms | parse | declare | bind (diagnostics) | emit (binds again, lowers, writes IL) | build = parse + declare + emit | files | KiB");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var dir in dirs)
        {
            var files = Directory.GetFiles(dir, "*.cs");
            var kib = files.Sum(f => new FileInfo(f).Length) / 1024;
            var p = best[dir];
            Console.WriteLine($"| {Path.GetFileName(dir.TrimEnd('/'))} | {p.Parse:0} | {p.Declare:0} | {p.Bind:0} | {p.Emit:0} | {p.Parse + p.Declare + p.Emit:0} | {files.Length} | {kib} |");
        }

        return 0;
    }

    private static Phases Measure(string dir, IReadOnlyList<MetadataReference> references, out List<Diagnostic> errors)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.None);
        var files = Directory.GetFiles(dir, "*.cs");
        var texts = files.Select(f => File.ReadAllText(f, Encoding.UTF8)).ToArray();

        var watch = Stopwatch.StartNew();
        var trees = new SyntaxTree[texts.Length];
        Parallel.For(0, texts.Length, i => trees[i] = CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(texts[i], Encoding.UTF8), options, files[i]));
        var parse = watch.Elapsed.TotalMilliseconds;

        var compilation = CSharpCompilation.Create(
            "Probe",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

        watch.Restart();
        var declarationErrors = compilation.GetDeclarationDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var declare = watch.Elapsed.TotalMilliseconds;

        watch.Restart();
        var bodyErrors = compilation.GetMethodBodyDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var bind = watch.Elapsed.TotalMilliseconds;

        // Emit binds the bodies again (the compiler does not keep bound trees between the two),
        // so its time here is binding plus lowering and IL, as a build pays it once.
        watch.Restart();
        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        var result = compilation.Emit(peStream, pdbStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var emit = watch.Elapsed.TotalMilliseconds;

        errors = declarationErrors.Concat(bodyErrors).Concat(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)).ToList();
        return new Phases(parse, declare, bind, emit);
    }

    private static IReadOnlyList<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Append(typeof(BatchGen.ApiPipeline).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private readonly record struct Phases(double Parse, double Declare, double Bind, double Emit)
    {
        public Phases Min(Phases other)
            => new(Math.Min(Parse, other.Parse), Math.Min(Declare, other.Declare), Math.Min(Bind, other.Bind), Math.Min(Emit, other.Emit));
    }
}
