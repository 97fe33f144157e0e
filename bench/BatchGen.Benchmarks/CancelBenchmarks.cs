using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text.Json;
using BatchGen.Testing;
using BenchmarkDotNet.Attributes;
using Bench.OpenAI;

namespace BatchGen.Benchmarks;

/// <summary>
/// One cancel call against the fake server over loopback: the generated client, a hand-written
/// HttpClient + System.Text.Json call, and the official SDK's protocol-level cancel.
/// </summary>
[MemoryDiagnoser]
public class CancelBenchmarks
{
    private FakeBatchServer _server = null!;
    private string _batchId = null!;
    private OpenAIClient _batchGen = null!;
    private HttpClient _http = null!;
    private string _baseAddress = null!;
    private OpenAI.Batch.CreateBatchOperation _sdkOperation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = FakeBatchServer.StartAsync().GetAwaiter().GetResult();
        _batchId = _server.Seed();
        _batchGen = new OpenAIClient(new ClientOptions { ApiKey = _server.ApiKey, BaseAddress = _server.BaseAddress });
        _http = new HttpClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.ApiKey);
        _baseAddress = _server.BaseAddress.AbsoluteUri.TrimEnd('/');

        var sdk = new OpenAI.OpenAIClient(new ApiKeyCredential(_server.ApiKey), new OpenAI.OpenAIClientOptions { Endpoint = _server.BaseAddress });
        _sdkOperation = OpenAI.Batch.CreateBatchOperation.RehydrateAsync(sdk.GetBatchClient(), _batchId).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batchGen.Dispose();
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "cancel: hand-written HttpClient + STJ source-gen")]
    public async Task<BatchPoco> HandWritten()
    {
        // As a hand-written CancelAsync(batchId) must: the address is built from the id on each call.
        using var response = await _http.PostAsync(new Uri($"{_baseAddress}/batches/{Uri.EscapeDataString(_batchId)}/cancel"), null).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(stream, PocoContext.Default.BatchPoco).ConfigureAwait(false))!;
    }

    [Benchmark(Description = "cancel: BatchGen CancelBatchAsync")]
    public Task<Batch> BatchGen() => _batchGen.CancelBatchAsync(_batchId);

    [Benchmark(Description = "cancel: OpenAI 2.15 protocol CancelAsync")]
    public async Task<BinaryData> OpenAISdk()
    {
        var result = await _sdkOperation.CancelAsync(new System.ClientModel.Primitives.RequestOptions()).ConfigureAwait(false);
        return result.GetRawResponse().Content;
    }
}
