using System;
using System.Collections.Generic;
using System.Text.Json;

namespace BatchGen.Testing;

/// <summary>
/// One batch and its life: validating → in_progress → finalizing → completed on the server's
/// clock, or cancelling → cancelled once cancelled. The status is computed from the clock when
/// asked, so a test that advances a <see cref="FakeClock"/> sees the batch move at once.
/// </summary>
internal sealed class FakeBatch
{
    private readonly FakeBatchServerOptions _options;

    public FakeBatch(string id, long sequence, string inputFileId, string endpoint, string completionWindow, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset createdAt, FakeBatchServerOptions options, FakeBatchInput? input = null)
    {
        Input = input;
        Id = id;
        Sequence = sequence;
        InputFileId = inputFileId;
        Endpoint = endpoint;
        CompletionWindow = completionWindow;
        Metadata = metadata;
        CreatedAt = createdAt;
        _options = options;
    }

    public string Id { get; }

    /// <summary>The uploaded input's requests; null when the batch names a file the server does not hold (its counts are then made up from the options).</summary>
    public FakeBatchInput? Input { get; }

    public string OutputFileId => "file-out-" + Id;

    public string ErrorFileId => "file-err-" + Id;

    /// <summary>The status has settled with files to download (completed or cancelled).</summary>
    public bool HasOutputAt(DateTimeOffset now) => StatusAt(now) is "completed" or "cancelled";

    public long Sequence { get; }

    public string InputFileId { get; }

    public string Endpoint { get; }

    public string CompletionWindow { get; }

    public IReadOnlyDictionary<string, string>? Metadata { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? CancellingAt { get; private set; }

    private DateTimeOffset InProgressAt => CreatedAt + _options.ValidatingFor;

    private DateTimeOffset FinalizingAt => InProgressAt + _options.InProgressFor;

    private DateTimeOffset CompletedAt => FinalizingAt + _options.FinalizingFor;

    public string StatusAt(DateTimeOffset now)
    {
        if (CancellingAt is { } cancelling)
        {
            return now >= cancelling + _options.CancellingFor ? "cancelled" : "cancelling";
        }

        if (now < InProgressAt)
        {
            return "validating";
        }

        if (now < FinalizingAt)
        {
            return "in_progress";
        }

        return now < CompletedAt ? "finalizing" : "completed";
    }

    /// <summary>Cancels the batch if it can be; returns the status that prevents it otherwise.</summary>
    public string? TryCancel(DateTimeOffset now)
    {
        lock (this)
        {
            var status = StatusAt(now);
            if (status is "validating" or "in_progress")
            {
                CancellingAt = now;
                return null;
            }

            return status is "cancelling" or "cancelled" ? null : status;
        }
    }

    /// <summary>How many valid requests are answered by <paramref name="now"/>.</summary>
    public long CompletedRequests(DateTimeOffset now)
    {
        var end = CancellingAt is { } cancelling && cancelling < FinalizingAt ? cancelling : now;
        if (end <= InProgressAt)
        {
            return 0;
        }

        var fraction = Math.Min(1.0, (end - InProgressAt).TotalMilliseconds / Math.Max(1, _options.InProgressFor.TotalMilliseconds));
        return (long)Math.Floor(fraction * (Input?.ValidCount ?? _options.RequestsPerBatch));
    }

    /// <summary>Failed requests: the input's invalid lines once in progress; one in twenty answered for a made-up batch.</summary>
    private long FailedRequests(DateTimeOffset now, long completed)
        => Input is null ? completed / 20 : now >= InProgressAt ? Input.InvalidCount : 0;

    public void WriteTo(Utf8JsonWriter writer, DateTimeOffset now)
    {
        var status = StatusAt(now);
        var started = now >= InProgressAt && (CancellingAt is null || CancellingAt > InProgressAt);
        var completed = CompletedRequests(now);
        var failed = FailedRequests(now, completed);
        var succeeded = Input is null ? completed - failed : completed;
        var total = Input is null ? _options.RequestsPerBatch : Input.ValidCount + Input.InvalidCount;

        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("object", "batch");
        writer.WriteString("endpoint", Endpoint);
        writer.WriteString("model", "gpt-5-2025-08-07");
        writer.WriteNull("errors");
        writer.WriteString("input_file_id", InputFileId);
        writer.WriteString("completion_window", CompletionWindow);
        writer.WriteString("status", status);
        FakeJson.WriteNullable(writer, "output_file_id", status is "completed" or "cancelled" ? OutputFileId : null);
        FakeJson.WriteNullable(writer, "error_file_id", status is "completed" or "cancelled" && failed > 0 ? ErrorFileId : null);
        writer.WriteNumber("created_at", CreatedAt.ToUnixTimeSeconds());
        FakeJson.WriteNullable(writer, "in_progress_at", started ? InProgressAt.ToUnixTimeSeconds() : null);
        writer.WriteNumber("expires_at", (CreatedAt + TimeSpan.FromHours(24)).ToUnixTimeSeconds());
        FakeJson.WriteNullable(writer, "finalizing_at", CancellingAt is null && now >= FinalizingAt ? FinalizingAt.ToUnixTimeSeconds() : null);
        FakeJson.WriteNullable(writer, "completed_at", status == "completed" ? CompletedAt.ToUnixTimeSeconds() : null);
        writer.WriteNull("failed_at");
        writer.WriteNull("expired_at");
        FakeJson.WriteNullable(writer, "cancelling_at", CancellingAt?.ToUnixTimeSeconds());
        FakeJson.WriteNullable(writer, "cancelled_at", status == "cancelled" ? (CancellingAt!.Value + _options.CancellingFor).ToUnixTimeSeconds() : null);
        writer.WriteStartObject("request_counts");
        writer.WriteNumber("total", total);
        writer.WriteNumber("completed", succeeded);
        writer.WriteNumber("failed", failed);
        writer.WriteEndObject();
        if (status == "completed")
        {
            writer.WriteStartObject("usage");
            writer.WriteNumber("input_tokens", completed * 15);
            writer.WriteStartObject("input_tokens_details");
            writer.WriteNumber("cached_tokens", completed * 5);
            writer.WriteEndObject();
            writer.WriteNumber("output_tokens", completed * 5);
            writer.WriteStartObject("output_tokens_details");
            writer.WriteNumber("reasoning_tokens", completed * 3);
            writer.WriteEndObject();
            writer.WriteNumber("total_tokens", completed * 20);
            writer.WriteEndObject();
        }

        if (Metadata is null)
        {
            writer.WriteNull("metadata");
        }
        else
        {
            writer.WriteStartObject("metadata");
            foreach (var pair in Metadata)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
