using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bench.OpenAI;
using Newtonsoft.Json.Serialization;

namespace BatchGen.Benchmarks;

/// <summary>
/// The spec's Batch example (completed, with usage and metadata) read, and a CreateBatchRequest
/// written, by BatchGen's generated converters and by what a user would use instead.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    public const string CompletedBatch = """
        {"id":"batch_abc123","object":"batch","endpoint":"/v1/completions","model":"gpt-5-2025-08-07","errors":null,
         "input_file_id":"file-abc123","completion_window":"24h","status":"completed","output_file_id":"file-cvaTdG",
         "error_file_id":"file-HOWS94","created_at":1711471533,"in_progress_at":1711471538,"expires_at":1711557933,
         "finalizing_at":1711493133,"completed_at":1711493163,"failed_at":null,"expired_at":null,"cancelling_at":null,
         "cancelled_at":null,"request_counts":{"total":100,"completed":95,"failed":5},
         "usage":{"input_tokens":1500,"input_tokens_details":{"cached_tokens":1024},"output_tokens":500,
                  "output_tokens_details":{"reasoning_tokens":300},"total_tokens":2000},
         "metadata":{"customer_id":"user_123456789","batch_description":"Nightly eval job"}}
        """;

    private static readonly JsonSerializerOptions s_reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static readonly Newtonsoft.Json.JsonSerializerSettings s_newtonsoft = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
    };

    private byte[] _batch = null!;
    private string _batchText = null!;
    private BinaryData _batchData = null!;
    private CreateBatchRequest _request = null!;
    private CreateBatchRequestPoco _requestPoco = null!;

    [GlobalSetup]
    public void Setup()
    {
        _batchText = CompletedBatch;
        _batch = Encoding.UTF8.GetBytes(CompletedBatch);
        _batchData = BinaryData.FromBytes(_batch);
        _request = new CreateBatchRequest
        {
            InputFileId = "file-abc123",
            Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions,
            CompletionWindow = "24h",
            Metadata = new Dictionary<string, string> { ["customer_id"] = "user_123456789" },
        };
        _requestPoco = new CreateBatchRequestPoco
        {
            InputFileId = "file-abc123",
            Endpoint = "/v1/chat/completions",
            CompletionWindow = "24h",
            Metadata = new Dictionary<string, string> { ["customer_id"] = "user_123456789" },
        };
    }

    [BenchmarkCategory("read"), Benchmark(Baseline = true, Description = "read: Utf8JsonReader tokens only (floor)")]
    public int ReadFloor()
    {
        var reader = new Utf8JsonReader(_batch);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [BenchmarkCategory("read"), Benchmark(Description = "read: BatchGen generated")]
    public Batch ReadBatchGen() => JsonSerializer.Deserialize(_batch, OpenAIClientJsonContext.Default.Batch)!;

    [BenchmarkCategory("read"), Benchmark(Description = "read: BatchGen generated, direct (as its client reads)")]
    public Batch ReadBatchGenDirect()
    {
        var reader = new Utf8JsonReader(_batch);
        reader.Read();
        return Batch.JsonConverter.ReadValue(ref reader);
    }

    [BenchmarkCategory("read"), Benchmark(Description = "read: OpenAI 2.15 BatchJob (ModelReaderWriter, as its client reads)")]
    public object ReadOpenAI() => ModelReaderWriter.Read<OpenAI.Batch.BatchJob>(_batchData)!; // object: the SDK marks BatchJob experimental, which BenchmarkDotNet's generated code would trip over

    [BenchmarkCategory("read"), Benchmark(Description = "read: STJ source-gen POCO")]
    public BatchPoco ReadStjSourceGen() => JsonSerializer.Deserialize(_batch, PocoContext.Default.BatchPoco)!;

    [BenchmarkCategory("read"), Benchmark(Description = "read: STJ reflection POCO")]
    public BatchPoco ReadStjReflection() => JsonSerializer.Deserialize<BatchPoco>(_batch, s_reflection)!;

    [BenchmarkCategory("read"), Benchmark(Description = "read: Newtonsoft.Json 13")]
    public BatchPoco ReadNewtonsoft() => Newtonsoft.Json.JsonConvert.DeserializeObject<BatchPoco>(_batchText, s_newtonsoft)!;

    [BenchmarkCategory("write"), Benchmark(Description = "write: BatchGen generated")]
    public byte[] WriteBatchGen() => JsonSerializer.SerializeToUtf8Bytes(_request, OpenAIClientJsonContext.Default.CreateBatchRequest);

    [BenchmarkCategory("write"), Benchmark(Description = "write: STJ source-gen POCO")]
    public byte[] WriteStjSourceGen() => JsonSerializer.SerializeToUtf8Bytes(_requestPoco, PocoContext.Default.CreateBatchRequestPoco);

    [BenchmarkCategory("write"), Benchmark(Description = "write: STJ reflection POCO")]
    public byte[] WriteStjReflection() => JsonSerializer.SerializeToUtf8Bytes(_requestPoco, s_reflection);

    [BenchmarkCategory("write"), Benchmark(Description = "write: Newtonsoft.Json 13")]
    public string WriteNewtonsoft() => Newtonsoft.Json.JsonConvert.SerializeObject(_requestPoco, s_newtonsoft);
}
