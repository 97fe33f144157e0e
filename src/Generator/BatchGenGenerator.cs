using System.Linq;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Emit;
using BatchGen.Generator.Modeling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BatchGen.Generator;

/// <summary>
/// Generates typed C# clients from OpenAPI specs listed as AdditionalFiles.
/// Pipeline: <see cref="TrackingNames.ReadSpec"/> → <see cref="TrackingNames.BuildModel"/> →
/// <see cref="TrackingNames.EmitSource"/>, with diagnostics on their own branch. It never touches
/// the Compilation, so editing C# code never re-runs any stage.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BatchGenGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => SpecInputReader.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ReadSpec)
            .Where(static input => input is not null)
            .Select(static (input, _) => input!);

        var models = specs
            .Select(static (input, cancellationToken) => ModelStage.Run(input, cancellationToken))
            .WithTrackingName(TrackingNames.BuildModel);

        var sources = models
            .Select(static (result, _) => new SpecSources(
                result.SpecPath,
                result.Model is null ? EquatableArray<GeneratedFile>.Empty : ClientEmitter.Emit(result.Model).ToEquatableArray()))
            .WithTrackingName(TrackingNames.EmitSource);

        var diagnostics = models
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.ReportDiagnostics);

        var anySpec = specs
            .Collect()
            .Select(static (all, _) => !all.IsEmpty)
            .WithTrackingName(TrackingNames.FindSpecs);
        context.RegisterSourceOutput(anySpec, static (output, any) =>
        {
            if (!any)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoSpecListed, Location.None));
            }
        });

        // Generated files are named after their spec file, so two specs of one name would write the
        // same files; Roslyn rejects that only after this generator has run (as CS8785, losing all
        // output), so the later spec is refused here, by path, before anything is added.
        var duplicateSpecs = specs
            .Select(static (input, _) => input.Path)
            .Collect()
            .Select(static (paths, _) => DuplicateSpecNames.LaterDuplicates(paths))
            .WithTrackingName(TrackingNames.FindDuplicateSpecs);

        context.RegisterSourceOutput(sources.Combine(duplicateSpecs), static (output, pair) =>
        {
            var (spec, duplicates) = pair;
            if (duplicates.Contains(spec.SpecPath))
            {
                var stem = System.IO.Path.GetFileNameWithoutExtension(spec.SpecPath);
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSpecFileName, LocationInfo.At(spec.SpecPath, 0, 0, 0), stem, stem + ".*.g.cs").ToDiagnostic());
                return;
            }

            foreach (var file in spec.Files)
            {
                output.AddSource(file.HintName, SourceText.From(file.Content, System.Text.Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });
    }
}
