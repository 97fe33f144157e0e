using BatchGen.Generator.Common;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling;

/// <summary>What the model stage hands on: the spec's path, the model (null when nothing can be generated) and the problems, all equatable.</summary>
public sealed record ModelResult(string SpecPath, ClientModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
