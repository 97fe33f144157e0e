namespace BatchGen.Generator.Emit;

/// <summary>One generated source file: its hint name and its text.</summary>
public sealed record GeneratedFile(string HintName, string Content);
