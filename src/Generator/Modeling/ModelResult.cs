using BatchGen.Generator.Common;
using BatchGen.Generator.Diagnostics;
using BatchGen.Generator.Model;

namespace BatchGen.Generator.Modeling;

/// <summary>What the model stage hands on: the model (null when nothing can be generated) and the problems, both equatable.</summary>
public sealed record ModelResult(ClientModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
