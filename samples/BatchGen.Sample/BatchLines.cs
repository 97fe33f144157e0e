using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace BatchGen.Sample;

// The lines of batch input and output files, as the Batch API documents them. The spec has no
// schema for them, so they are written here, with System.Text.Json's own source generator
// (trim- and AOT-safe like the generated client). They use no generated type: source generators
// cannot see each other's output.

/// <summary>One request of a batch's input file.</summary>
public sealed record BatchInputLine(string CustomId, string Method, string Url, ChatBody Body);

/// <summary>The body of a chat-completions request.</summary>
public sealed record ChatBody(string Model, IReadOnlyList<ChatMessage> Messages);

/// <summary>A chat message.</summary>
public sealed record ChatMessage(string Role, string? Content);

/// <summary>One line of a batch's output or error file.</summary>
public sealed record BatchOutputLine(string Id, string? CustomId, BatchOutputResponse? Response, BatchOutputError? Error);

/// <summary>The answer to one request.</summary>
public sealed record BatchOutputResponse(int StatusCode, string? RequestId, ChatAnswer Body);

/// <summary>Why one request failed.</summary>
public sealed record BatchOutputError(string Code, string Message);

/// <summary>A chat completion, reduced to what the sample prints.</summary>
public sealed record ChatAnswer(string Id, IReadOnlyList<ChatChoice> Choices);

/// <summary>One choice of a chat completion.</summary>
public sealed record ChatChoice(int Index, ChatMessage Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchInputLine))]
[JsonSerializable(typeof(BatchOutputLine))]
internal sealed partial class BatchLinesContext : JsonSerializerContext;
