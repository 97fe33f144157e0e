using BatchGen.Generator.Common;

namespace BatchGen.Generator.Emit;

/// <summary>Everything generated from one spec, with the spec's path (two specs of one file name are refused by path).</summary>
public sealed record SpecSources(string SpecPath, EquatableArray<GeneratedFile> Files);
