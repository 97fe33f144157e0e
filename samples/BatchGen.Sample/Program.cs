using System;
using System.Text.Json;
using OpenAI.Batches;

// The types below are generated at build time from specs/openai.yaml.
const string reply = """
    {"id":"batch_abc123","object":"batch","endpoint":"/v1/chat/completions","input_file_id":"file-abc123",
     "completion_window":"24h","status":"cancelling","created_at":1711471533,"cancelling_at":1711475133,
     "request_counts":{"total":100,"completed":23,"failed":1},"metadata":{"customer_id":"user_123456789"}}
    """;

var batch = JsonSerializer.Deserialize(reply, OpenAIClientJsonContext.Default.Batch)!;
Console.WriteLine($"{batch.Id}: {batch.Status} since {batch.CancellingAt:u}");
Console.WriteLine($"requests: {batch.RequestCounts?.Completed}/{batch.RequestCounts?.Total} done, {batch.RequestCounts?.Failed} failed");
Console.WriteLine(batch.Status == BatchStatus.Cancelling ? "The batch is cancelling." : "Unexpected status.");
return batch.Status == BatchStatus.Cancelling ? 0 : 1;
