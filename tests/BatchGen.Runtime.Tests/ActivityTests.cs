using System.Diagnostics;
using BatchGen.Testing;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The activity each call is, as an <see cref="ActivityListener"/> sees it, for calls that succeed and fail.</summary>
public sealed class ActivityTests : ClientTestBase, IDisposable
{
    private readonly List<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly Activity _root;

    public ActivityTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "BatchGen",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_stopped) { _stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_listener);
        // The listener sees every test's calls; this test's own are those in this trace.
        _root = new Activity("test").Start();
    }

    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
    }

    private Activity Only(string operationId)
    {
        lock (_stopped)
        {
            return Assert.Single(_stopped, a => a.TraceId == _root.TraceId && a.OperationName == operationId);
        }
    }

    [Fact]
    public async Task A_successful_call_is_tagged_with_what_was_sent_and_received()
    {
        using var client = NewClient();
        await client.ListBatchesAsync(limit: 2);

        var activity = Only("listBatches");
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("BatchGen", activity.Source.Name);
        Assert.Equal("listBatches", activity.GetTagItem("batchgen.operation_id"));
        Assert.Equal("GET", activity.GetTagItem("http.request.method"));
        Assert.Equal(Server.BaseAddress.ToString().TrimEnd('/') + "/batches", activity.GetTagItem("url.full")); // no query string
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(0, activity.GetTagItem("batchgen.retry_count"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Null(activity.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_failed_call_has_an_error_status_its_exception_type_and_its_attempts()
    {
        Server.Inject(Fast(503, times: 3, message: "Overloaded."));
        using var client = NewClient(o => o.MaxRetries = 2);

        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        var activity = Only("listBatches");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("Overloaded.", activity.StatusDescription);
        Assert.Equal(typeof(InternalServerException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal(503, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(2, activity.GetTagItem("batchgen.retry_count"));
    }

    [Fact]
    public async Task A_call_that_cannot_connect_is_an_error_too()
    {
        using var client = new OpenAI.Batches.OpenAIClient(new ClientOptions { ApiKey = "sk-test", BaseAddress = RefusedPort.BaseAddress(), MaxRetries = 0 });

        await Assert.ThrowsAsync<ApiConnectionException>(() => client.ListBatchesAsync());

        var activity = Only("listBatches");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(ApiConnectionException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal(0, activity.GetTagItem("batchgen.retry_count"));
        Assert.Null(activity.GetTagItem("http.response.status_code"));
    }
}
