using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BatchGen.Generator.Common;

namespace BatchGen.Generator.Configuration;

/// <summary>Generated files are named after their spec's file name, so only the first spec of a name may generate.</summary>
public static class DuplicateSpecNames
{
    /// <summary>
    /// The paths whose file name a path before them in ordinal order already has (names compared
    /// without case: file systems differ). Ordinal order, not the order the compiler lists the
    /// files in, so which spec wins never depends on how the project lists them.
    /// </summary>
    public static EquatableArray<string> LaterDuplicates(ImmutableArray<string> paths)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var later = new List<string>();
        foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
        {
            if (!seen.Add(System.IO.Path.GetFileNameWithoutExtension(path)))
            {
                later.Add(path);
            }
        }

        return later.ToEquatableArray();
    }
}
