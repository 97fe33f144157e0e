using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BatchGen.Generator.Common;
using BatchGen.Generator.Loading;

namespace BatchGen.Generator.Diagnostics;

/// <summary>Gives every <see cref="SpecProblem"/> its place in the spec file, as an equatable <see cref="DiagnosticInfo"/>.</summary>
public static class ProblemLocator
{
    public static EquatableArray<DiagnosticInfo> Locate(string path, string text, IReadOnlyList<SpecProblem> problems, CancellationToken cancellationToken)
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
                positions = SpecPositionFinder.Find(text, pointers, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Positions are a courtesy: the diagnostics are reported at the start of the file instead.
            }
        }

        var lines = new LineIndex(text);
        var result = new List<DiagnosticInfo>(problems.Count);
        foreach (var problem in problems)
        {
            var position = problem.Position
                ?? (problem.Pointer is not null && positions.TryGetValue(problem.Pointer, out var found) ? found : SpecPosition.Start);

            // The offset comes from the original text's lines: the YAML repair pass may have shortened lines.
            var offset = lines.OffsetOf(position.Line, position.Column);
            result.Add(DiagnosticInfo.Create(problem.Descriptor, LocationInfo.At(path, offset, position.Line, position.Column), problem.MessageArgs));
        }

        return result.ToEquatableArray();
    }
}
