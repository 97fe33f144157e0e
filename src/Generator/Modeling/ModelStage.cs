using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BatchGen.Generator.Common;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Loading;
using Microsoft.CodeAnalysis;

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
        var problems = new List<(DiagnosticDescriptor Descriptor, string? Pointer, SpecPosition? Position, object?[] Args)>();
        Model.ClientModel? model = null;
        try
        {
            var loaded = SpecLoader.Load(input.Path, input.Text, cancellationToken);
            foreach (var problem in loaded.Problems)
            {
                problems.Add(problem.Kind switch
                {
                    LoadProblemKind.Syntax => (DiagnosticDescriptors.InvalidSpecSyntax, problem.Pointer, problem.Position, new object?[] { SpecLoader.IsJsonPath(input.Path) ? "JSON" : "YAML", problem.Message }),
                    LoadProblemKind.UnsupportedVersion => (DiagnosticDescriptors.UnsupportedSpecVersion, problem.Pointer, problem.Position, new object?[] { problem.Message }),
                    LoadProblemKind.NotOpenApi => (DiagnosticDescriptors.NotAnOpenApiDocument, problem.Pointer, problem.Position, new object?[] { problem.Message }),
                    LoadProblemKind.NotASchema => (DiagnosticDescriptors.NotASchema, problem.Pointer, problem.Position, new object?[] { problem.Message }),
                    LoadProblemKind.ReaderFailure => (DiagnosticDescriptors.ReaderFailure, problem.Pointer, problem.Position, new object?[] { problem.Message }),
                    LoadProblemKind.CircularReference => (DiagnosticDescriptors.CircularReference, problem.Pointer, problem.Position, new object?[] { problem.Message }),
                    _ => (DiagnosticDescriptors.SpecReaderProblem, problem.Pointer, problem.Position, new object?[] { problem.Pointer ?? "#", problem.Message.Trim().TrimEnd('.') }),
                });
            }

            if (loaded.Document is not null)
            {
                var builder = new ClientModelBuilder(loaded.Document, input.Options, input.Path, cancellationToken);
                model = builder.Build();
                foreach (var problem in builder.Problems)
                {
                    problems.Add((problem.Descriptor, problem.Pointer, null, problem.MessageArgs));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            model = null;
            problems.Add((DiagnosticDescriptors.GeneratorFailure, null, new SpecPosition(0, 0, 0), new object?[] { ex.GetType().Name, ex.Message + Where(ex) }));
        }

        return new ModelResult(model, Locate(input, problems, cancellationToken));
    }

    /// <summary>The innermost frame of the failure, so a bug report says where BatchGen broke.</summary>
    private static string Where(Exception ex)
    {
        var frame = ex.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at ", StringComparison.Ordinal));
        return frame is null ? string.Empty : " " + frame;
    }

    private static EquatableArray<DiagnosticInfo> Locate(
        SpecInput input,
        List<(DiagnosticDescriptor Descriptor, string? Pointer, SpecPosition? Position, object?[] Args)> problems,
        CancellationToken cancellationToken)
    {
        if (problems.Count == 0)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var pointers = problems.Where(p => p.Position is null && p.Pointer is not null).Select(p => p.Pointer!).Distinct().ToList();
        IReadOnlyDictionary<string, SpecPosition> positions = new Dictionary<string, SpecPosition>();
        if (pointers.Count > 0)
        {
            try
            {
                positions = SpecPositionFinder.Find(input.Text, pointers, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Positions are a courtesy: the diagnostics are reported at the start of the file instead.
            }
        }

        var lineStarts = LineStarts(input.Text);
        var result = new List<DiagnosticInfo>(problems.Count);
        foreach (var problem in problems)
        {
            var position = problem.Position
                ?? (problem.Pointer is not null && positions.TryGetValue(problem.Pointer, out var found) ? found : new SpecPosition(0, 0, 0));

            // Offsets come from the original text's lines: the YAML repair pass may have shortened lines.
            var offset = position.Line < lineStarts.Count
                ? Math.Min(lineStarts[position.Line] + position.Column, input.Text.Length)
                : input.Text.Length;
            var location = LocationInfo.At(input.Path, offset, position.Line, position.Column);
            result.Add(DiagnosticInfo.Create(problem.Descriptor, location, problem.Args));
        }

        return result.ToEquatableArray();
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
