using System.Text.Json.Serialization;

namespace BatchGen.Benchmarks;

// Hand-written equivalents of the generated types, as a user would write them for System.Text.Json
// or Newtonsoft.Json without BatchGen: wire names by naming policy, timestamps as plain numbers,
// the status as a string.

public sealed class BatchPoco
{
    public string Id { get; set; } = "";
    public string Object { get; set; } = "";
    public string Endpoint { get; set; } = "";
    public string? Model { get; set; }
    public BatchErrorsPoco? Errors { get; set; }
    public string InputFileId { get; set; } = "";
    public string CompletionWindow { get; set; } = "";
    public string Status { get; set; } = "";
    public string? OutputFileId { get; set; }
    public string? ErrorFileId { get; set; }
    public long CreatedAt { get; set; }
    public long? InProgressAt { get; set; }
    public long? ExpiresAt { get; set; }
    public long? FinalizingAt { get; set; }
    public long? CompletedAt { get; set; }
    public long? FailedAt { get; set; }
    public long? ExpiredAt { get; set; }
    public long? CancellingAt { get; set; }
    public long? CancelledAt { get; set; }
    public RequestCountsPoco? RequestCounts { get; set; }
    public UsagePoco? Usage { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
}

public sealed class BatchErrorsPoco
{
    public string? Object { get; set; }
    public List<BatchErrorPoco>? Data { get; set; }
}

public sealed class BatchErrorPoco
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Param { get; set; }
    public long? Line { get; set; }
}

public sealed class RequestCountsPoco
{
    public long Total { get; set; }
    public long Completed { get; set; }
    public long Failed { get; set; }
}

public sealed class UsagePoco
{
    public long InputTokens { get; set; }
    public TokensDetailsPoco? InputTokensDetails { get; set; }
    public long OutputTokens { get; set; }
    public TokensDetailsPoco? OutputTokensDetails { get; set; }
    public long TotalTokens { get; set; }
}

public sealed class TokensDetailsPoco
{
    public long CachedTokens { get; set; }
    public long ReasoningTokens { get; set; }
}

public sealed class CreateBatchRequestPoco
{
    public string InputFileId { get; set; } = "";
    public string Endpoint { get; set; } = "";
    public string CompletionWindow { get; set; } = "";
    public Dictionary<string, string>? Metadata { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchPoco))]
[JsonSerializable(typeof(CreateBatchRequestPoco))]
public sealed partial class PocoContext : JsonSerializerContext
{
}
