using System;
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
            .Select(static (result, _) => result.Model is null
                ? EquatableArray<GeneratedFile>.Empty
                : ClientEmitter.Emit(result.Model).ToEquatableArray())
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

        context.RegisterSourceOutput(sources, static (output, files) =>
        {
            foreach (var file in files)
            {
                try
                {
                    output.AddSource(file.HintName, SourceText.From(file.Content, System.Text.Encoding.UTF8));
                }
                catch (ArgumentException)
                {
                    // Two specs with the same file name would write the same hint name.
                    var stem = file.HintName.Split('.').FirstOrDefault() ?? file.HintName;
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateSpecFileName, Location.None, stem, file.HintName));
                    return;
                }
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
