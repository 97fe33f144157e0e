using System.Diagnostics;
using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The API key never shows up in exceptions, logs, traces or ToString; calls are traced and logged.</summary>
public sealed class SecurityAndTelemetryTests : ClientTestBase
{
    private const string SecretKey = "sk-proj-SECRET-0123456789abcdef";

    protected override FakeBatchServerOptions ServerOptions => new() { ApiKey = SecretKey };

    private sealed class CapturingLogger : IApiLogger
    {
        public List<string> Lines { get; } = new();

        public bool IsEnabled(ApiLogLevel level) => true;

        public void Log(ApiLogLevel level, string message, Exception? exception)
        {
            lock (Lines)
            {
                Lines.Add($"{level}: {message} {exception}");
            }
        }
    }

    [Fact]
    public async Task The_key_appears_in_no_exception_log_line_or_trace()
    {
        var logger = new CapturingLogger();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BatchGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        using var client = NewClient(o => { o.Logger = logger; o.MaxRetries = 1; });
        var failures = new List<Exception>();

        Server.Inject(Fault.Error(500, "boom", times: 2, headers: new Dictionary<string, string> { ["retry-after-ms"] = "5" }));
        failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.ListBatchesAsync()));
        Server.Inject(new Fault { ResetAfterBodyBytes = 10, Times = 2 });
        failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.ListBatchesAsync()));
        failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.RetrieveBatchAsync("batch_nope")));
        Server.Inject(new Fault { Status = 200, Body = "{not json" });
        failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.ListBatchesAsync()));

        var options = new ClientOptions { ApiKey = SecretKey };
        var texts = failures.Select(f => f.ToString())
            .Concat(logger.Lines)
            .Concat(activities.SelectMany(a => a.Tags.Select(t => $"{t.Key}={t.Value}")))
            .Concat(activities.Select(a => a.StatusDescription ?? string.Empty))
            .Append(options.ToString())
            .ToList();

        Assert.NotEmpty(logger.Lines);
        Assert.All(texts, text => Assert.DoesNotContain("SECRET", text));
        Assert.Contains("(set)", options.ToString());
    }

    [Fact]
    public void Options_describe_themselves_whole_saying_only_whether_a_key_is_set()
    {
        var options = new ClientOptions { BaseAddress = new Uri("https://api.example.com/v1/"), MaxRetries = 3, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("ClientOptions { BaseAddress = https://api.example.com/v1/, ApiKey = (none), Credentials = ApiCredentials { }, MaxRetries = 3, Timeout = 00:00:30 }", options.ToString());

        options.ApiKey = SecretKey;
        Assert.Equal("ClientOptions { BaseAddress = https://api.example.com/v1/, ApiKey = (set), Credentials = ApiCredentials { }, MaxRetries = 3, Timeout = 00:00:30 }", options.ToString());
    }

    [Fact]
    public async Task Each_call_is_one_activity_with_operation_status_retries_and_request_id()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BatchGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        using var client = NewClient();
        var id = Server.Seed();
        Server.Inject(Fault.Error(500, "boom", headers: new Dictionary<string, string> { ["retry-after-ms"] = "5" }));

        // The listener sees every test's calls; this test's own are those in its trace.
        using var root = new Activity("test").Start();
        await client.CancelBatchAsync(id);
        root.Stop();

        var activity = Assert.Single(activities, a => a.TraceId == root.TraceId && (string?)a.GetTagItem("batchgen.operation_id") == "cancelBatch");
        Assert.Equal(root.SpanId, activity.ParentSpanId);
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(1, activity.GetTagItem("batchgen.retry_count"));
        Assert.StartsWith("req_", (string?)activity.GetTagItem("batchgen.request_id"));
        Assert.Equal(ActivityKind.Client, activity.Kind);
    }

    [Fact]
    public async Task Retries_are_logged_as_warnings_and_final_failures_as_errors()
    {
        var logger = new CapturingLogger();
        using var client = NewClient(o => { o.Logger = logger; o.MaxRetries = 1; });
        Server.Inject(Fault.Error(503, "busy", times: 2, headers: new Dictionary<string, string> { ["retry-after-ms"] = "5" }));

        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        Assert.Contains(logger.Lines, l => l.StartsWith("Warning: listBatches attempt 1 failed (HTTP 503)", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.StartsWith("Error: listBatches failed with HTTP 503 after 2 attempt(s)", StringComparison.Ordinal));
    }
}
