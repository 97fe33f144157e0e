using BatchGen;
using BatchGen.Testing;
using Consumer;

// Types from the package's generator: namespace from RootNamespace, client name from info.title.
await using var server = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { CancellingFor = TimeSpan.FromMilliseconds(300) });
using var client = new OpenAIClient(new ClientOptions { ApiKey = server.ApiKey, BaseAddress = server.BaseAddress });
ICancelBatch canceller = client;

var created = await client.CreateBatchAsync(new CreateBatchRequest
{
    InputFileId = "file-consumer",
    Endpoint = CreateBatchRequestEndpoint.V1Embeddings,
    CompletionWindow = "24h",
});
var cancelling = await canceller.CancelBatchAsync(created.Id);
Console.WriteLine($"cancel round trip: {cancelling.Id} {cancelling.Status}");
var final = await client.CancelBatchAndWaitAsync(created.Id, polling: new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(50) });
Console.WriteLine($"final: {final.Status}");
return cancelling.Status == BatchStatus.Cancelling && final.Status == BatchStatus.Cancelled ? 0 : 1;
