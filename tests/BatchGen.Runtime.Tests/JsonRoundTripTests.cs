using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The generated models against the wire format, with plain JsonSerializer and default options.</summary>
public sealed class JsonRoundTripTests
{
    /// <summary>The spec's "batch object" example (its trailing comma removed), a completed batch with usage and metadata.</summary>
    public const string CompletedBatch = """
        {
          "id": "batch_abc123",
          "object": "batch",
          "endpoint": "/v1/completions",
          "model": "gpt-5-2025-08-07",
          "errors": null,
          "input_file_id": "file-abc123",
          "completion_window": "24h",
          "status": "completed",
          "output_file_id": "file-cvaTdG",
          "error_file_id": "file-HOWS94",
          "created_at": 1711471533,
          "in_progress_at": 1711471538,
          "expires_at": 1711557933,
          "finalizing_at": 1711493133,
          "completed_at": 1711493163,
          "failed_at": null,
          "expired_at": null,
          "cancelling_at": null,
          "cancelled_at": null,
          "request_counts": {
            "total": 100,
            "completed": 95,
            "failed": 5
          },
          "usage": {
            "input_tokens": 1500,
            "input_tokens_details": {
              "cached_tokens": 1024
            },
            "output_tokens": 500,
            "output_tokens_details": {
              "reasoning_tokens": 300
            },
            "total_tokens": 2000
          },
          "metadata": {
            "customer_id": "user_123456789",
            "batch_description": "Nightly eval job"
          }
        }
        """;

    [Fact]
    public void The_spec_example_deserializes_with_default_options()
    {
        var batch = JsonSerializer.Deserialize<Batch>(CompletedBatch)!;

        Assert.Equal("batch_abc123", batch.Id);
        Assert.Same("batch", batch.Object); // the generated literal (literals are interned): its one value costs no string
        Assert.Equal(BatchStatus.Completed, batch.Status);
        Assert.Equal("completed", batch.Status.ToString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711471533), batch.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711493163), batch.CompletedAt);
        Assert.Null(batch.FailedAt);
        Assert.Null(batch.Errors);
        Assert.Equal(95, batch.RequestCounts!.Completed);
        Assert.Equal(1024, batch.Usage!.InputTokensDetails.CachedTokens);
        Assert.Equal(300, batch.Usage.OutputTokensDetails.ReasoningTokens);
        Assert.Equal("Nightly eval job", batch.Metadata!["batch_description"]);
    }

    [Fact]
    public void Serializing_writes_the_same_wire_format_back()
    {
        var batch = JsonSerializer.Deserialize<Batch>(CompletedBatch)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(batch))!;

        // Optional properties that are null are left out; everything else comes back as it came in.
        var expected = JsonNode.Parse(CompletedBatch)!.AsObject();
        foreach (var name in expected.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            expected.Remove(name);
        }

        Assert.True(JsonNode.DeepEquals(expected, written), written.ToJsonString());
    }

    [Fact]
    public void An_unknown_status_and_unknown_fields_survive_a_round_trip()
    {
        var json = CompletedBatch
            .Replace("\"status\": \"completed\"", "\"status\": \"paused\"")
            .Replace("\"model\":", "\"priority\": {\"tier\": [1, 2]}, \"model\":");

        var batch = JsonSerializer.Deserialize<Batch>(json)!;

        Assert.Equal("paused", batch.Status.ToString());
        Assert.False(batch.Status.IsKnown);
        Assert.NotEqual(BatchStatus.Completed, batch.Status);
        Assert.Equal(new BatchStatus("paused"), batch.Status);
        Assert.Contains("\"status\":\"paused\"", JsonSerializer.Serialize(batch));
        Assert.Equal("gpt-5-2025-08-07", batch.Model);
    }

    [Fact]
    public void Enum_values_compare_by_wire_value()
    {
        BatchStatus fromString = "in_progress";
        Assert.Equal(BatchStatus.InProgress, fromString);
        Assert.True(fromString == BatchStatus.InProgress);
        Assert.True(fromString.IsKnown);
        Assert.Equal(BatchStatus.InProgress.GetHashCode(), fromString.GetHashCode());
        Assert.Equal("\"in_progress\"", JsonSerializer.Serialize(BatchStatus.InProgress));
        Assert.Equal(BatchStatus.Cancelling, JsonSerializer.Deserialize<BatchStatus>("\"cancelling\""));
    }

    [Fact]
    public void A_request_serializes_with_wire_names_and_unix_seconds()
    {
        var request = new CreateBatchRequest
        {
            InputFileId = "file-abc123",
            Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions,
            CompletionWindow = "24h",
            Metadata = new Dictionary<string, string> { ["team"] = "evals" },
            OutputExpiresAfter = new BatchFileExpirationAfter { Seconds = 3600 },
        };

        var json = JsonSerializer.Serialize(request);

        Assert.Equal(
            """{"input_file_id":"file-abc123","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"team":"evals"},"output_expires_after":{"anchor":"created_at","seconds":3600}}""",
            json);
    }

    [Fact]
    public void Unix_times_are_written_as_integer_seconds()
    {
        var batch = JsonSerializer.Deserialize<Batch>(CompletedBatch)! with { CancelledAt = DateTimeOffset.FromUnixTimeSeconds(1711500000) };
        var node = JsonNode.Parse(JsonSerializer.Serialize(batch))!;
        Assert.Equal(1711500000, node["cancelled_at"]!.GetValue<long>());
        Assert.Equal(1711471533, node["created_at"]!.GetValue<long>());
    }

    [Fact]
    public void The_generated_context_serializes_without_reflection()
    {
        var batch = JsonSerializer.Deserialize(CompletedBatch, OpenAIClientJsonContext.Default.Batch)!;
        Assert.Equal("batch_abc123", batch.Id);
        var json = JsonSerializer.Serialize(batch, OpenAIClientJsonContext.Default.Batch);
        Assert.Contains("\"request_counts\":{\"total\":100,\"completed\":95,\"failed\":5}", json);
        Assert.Same(OpenAIClientJsonContext.Default.Batch, OpenAIClientJsonContext.Default.GetTypeInfo(typeof(Batch)));

        var options = new JsonSerializerOptions { TypeInfoResolver = OpenAIClientJsonContext.Default };
        Assert.Equal(BatchStatus.Completed, JsonSerializer.Deserialize<Batch>(CompletedBatch, options)!.Status);
    }

    [Fact]
    public void A_list_response_reads_its_items()
    {
        var json = $$"""{"object":"list","data":[{{CompletedBatch}},{{CompletedBatch.Replace("batch_abc123", "batch_def456")}}],"first_id":"batch_abc123","last_id":"batch_def456","has_more":true}""";
        var page = JsonSerializer.Deserialize<ListBatchesResponse>(json)!;
        Assert.Equal(2, page.Data.Count);
        Assert.True(page.HasMore);
        Assert.Equal("batch_def456", page.Data[1].Id);
        Assert.Equal("list", page.Object);
    }

    [Theory]
    [InlineData("\"created_at\": 1711471533", "\"created_at\": \"yesterday\"", "$.created_at", "Unix time")]
    [InlineData("\"total\": 100", "\"total\": \"many\"", "$.request_counts.total", "integer")]
    [InlineData("\"cached_tokens\": 1024", "\"cached_tokens\": null", "$.usage.input_tokens_details.cached_tokens", "found null")]
    [InlineData("\"customer_id\": \"user_123456789\"", "\"customer_id\": 7", "$.metadata['customer_id']", "string")]
    public void Invalid_values_name_the_json_path(string original, string broken, string path, string reason)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Batch>(CompletedBatch.Replace(original, broken)));
        Assert.Contains(path, ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void A_missing_required_property_is_named_when_reading_strictly()
    {
        using var strict = JsonReadContext.Begin(strict: true);
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Batch>(CompletedBatch.Replace("\"id\": \"batch_abc123\",", string.Empty)));
        Assert.Contains("Batch", ex.Message);
        Assert.Contains("'id'", ex.Message);
    }

    [Fact]
    public void A_missing_required_property_keeps_its_default_and_is_recorded()
    {
        using var tolerant = JsonReadContext.Begin(strict: false);
        var json = CompletedBatch.Replace("\"id\": \"batch_abc123\",", string.Empty).Replace("\"created_at\": 1711471533,", string.Empty);
        var batch = JsonSerializer.Deserialize<Batch>(json)!;
        Assert.Null(batch.Id);
        Assert.Equal(default, batch.CreatedAt);
        Assert.Equal(BatchStatus.Completed, batch.Status);
        Assert.Equal(new[] { "Batch.id", "Batch.created_at" }, tolerant.Missing);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_still_an_error()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Batch>(CompletedBatch.Replace("\"created_at\": 1711471533", "\"created_at\": \"yesterday\"")));
        Assert.Contains("created_at", ex.Path);
    }

    [Fact]
    public void Unknown_properties_are_kept_and_written_back()
    {
        var json = CompletedBatch.Replace("\"id\": \"batch_abc123\",", "\"id\": \"batch_abc123\", \"priority\": {\"level\": 3, \"tags\": [\"a\"]}, \"region\": \"eu\",");
        var batch = JsonSerializer.Deserialize<Batch>(json)!;
        Assert.Equal(2, batch.AdditionalProperties!.Count);
        Assert.Equal(3, batch.AdditionalProperties["priority"].GetProperty("level").GetInt32());

        var written = JsonSerializer.Serialize(batch with { Metadata = new Dictionary<string, string> { ["k"] = "v" } });
        using var document = JsonDocument.Parse(written);
        Assert.Equal("eu", document.RootElement.GetProperty("region").GetString());
        Assert.Equal("""{"level":3,"tags":["a"]}""", document.RootElement.GetProperty("priority").GetRawText());
    }

    [Fact]
    public void Records_with_the_same_unknown_properties_stay_equal()
    {
        // BatchRequestCounts has no collection members (lists and maps compare by reference in records).
        var first = JsonSerializer.Deserialize<BatchRequestCounts>("""{"total":3,"completed":2,"failed":1,"a":1,"b":[true]}""")!;
        var reordered = JsonSerializer.Deserialize<BatchRequestCounts>("""{"b":[true],"total":3,"a":1,"completed":2,"failed":1}""")!;
        Assert.Equal(first, reordered);
        Assert.Equal(first.GetHashCode(), reordered.GetHashCode());
        Assert.NotEqual(first, JsonSerializer.Deserialize<BatchRequestCounts>("""{"total":3,"completed":2,"failed":1,"a":2,"b":[true]}"""));
        Assert.NotEqual(first, JsonSerializer.Deserialize<BatchRequestCounts>("""{"total":3,"completed":2,"failed":1}"""));
    }

    [Fact]
    public void Error_items_read_nullable_params_and_lines()
    {
        var json = CompletedBatch.Replace("\"errors\": null", "\"errors\": {\"object\":\"list\",\"data\":[{\"code\":\"invalid_json\",\"message\":\"bad line\",\"param\":null,\"line\":3}]}");
        var batch = JsonSerializer.Deserialize<Batch>(json)!;
        var error = Assert.Single(batch.Errors!.Data!);
        Assert.Null(error.Param);
        Assert.Equal(3, error.Line);
        Assert.Equal("invalid_json", error.Code);
    }

    [Fact]
    public void A_generated_converter_forwards_to_its_types_own_reader_and_writer_and_null_stays_null()
    {
        var converter = new Batch.JsonConverter();
        var options = new JsonSerializerOptions { Converters = { converter } };

        var batch = JsonSerializer.Deserialize<Batch>(CompletedBatch, options)!;
        Assert.Equal("batch_abc123", batch.Id);
        Assert.Equal(JsonNode.Parse(CompletedBatch)!["usage"]!.ToJsonString(), JsonNode.Parse(JsonSerializer.Serialize(batch, options))!["usage"]!.ToJsonString());
        Assert.Null(JsonSerializer.Deserialize<Batch>("null", options));
        Assert.Equal("null", JsonSerializer.Serialize<Batch?>(null, options));
        Assert.Equal("\"in_progress\"", JsonSerializer.Serialize(BatchStatus.InProgress));
    }

    [Fact]
    public void A_converter_needs_both_a_reader_and_a_writer()
    {
        Assert.Equal("read", Assert.Throws<ArgumentNullException>(() => new Forwarding(null!, static (w, v) => w.WriteStringValue(v))).ParamName);
        Assert.Equal("write", Assert.Throws<ArgumentNullException>(() => new Forwarding(static (ref Utf8JsonReader r) => r.GetString()!, null!)).ParamName);
    }

    private sealed class Forwarding : JsonValueConverter<string>
    {
        public Forwarding(JsonValueReader<string> read, JsonValueWriter<string> write)
            : base(read, write)
        {
        }
    }
}
