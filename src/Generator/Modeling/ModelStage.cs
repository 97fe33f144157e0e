using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using BatchGen.Generator.Model;
using BatchGen.Generator.Modeling.Conventions;

namespace BatchGen.Generator.Modeling;

/// <summary>
/// The model stage: reads the spec text into an OpenAPI document and turns it into the client
/// model in one step, because the document is not equatable and must not flow down the pipeline.
/// Nothing thrown here escapes: an unexpected failure becomes diagnostic BG0006.
/// </summary>
public static class ModelStage
{
    public static ModelResult Run(SpecInput input, CancellationToken cancellationToken)
    {
        var problems = new List<SpecProblem>();
        ClientModel? model = null;
        try
        {
            var loaded = SpecLoader.Load(input.Path, input.Text, cancellationToken);
            problems.AddRange(loaded.Problems);
            if (loaded.Document is not null)
            {
                model = ClientModelBuilder.Build(loaded.Document, input.Options, input.Path, problems, cancellationToken);
                model = ModelConventions.Apply(model);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            model = null;
            problems.Add(SpecProblem.AtStart(DiagnosticDescriptors.GeneratorFailure, ex.GetType().Name, ex.Message + Where(ex)));
        }

        return new ModelResult(input.Path, model, ProblemLocator.Locate(input.Path, input.Text, problems, cancellationToken));
    }

    /// <summary>The innermost frame of the failure, so a bug report says where BatchGen broke.</summary>
    private static string Where(Exception ex)
    {
        var frame = ex.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at ", StringComparison.Ordinal));
        return frame is null ? string.Empty : " " + frame;
    }
}
