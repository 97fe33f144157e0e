using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using BatchGen;
using BatchGen.Testing;
using OpenAI.Batches;

// BatchGen sample: create a batch, cancel it, and wait until it is cancelled.
// Everything under OpenAI.Batches is generated at build time from specs/openai.yaml.
//
//   dotnet run --project samples/BatchGen.Sample                    embedded fake server (no key needed)
//   dotnet run --project samples/BatchGen.Sample -- --live BATCH_ID  the real API: cancels BATCH_ID (needs OPENAI_API_KEY)

return await SampleProgram.RunAsync(args);

internal static class SampleProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        try
        {
            var live = Array.IndexOf(args, "--live");
            if (live >= 0)
            {
                var batchId = live + 1 < args.Length ? args[live + 1] : null;
                return await RunLiveAsync(batchId, stop.Token);
            }

            return await RunOnFakeServerAsync(stop.Token);
        }
        catch (ApiException ex)
        {
            Console.Error.WriteLine($"\nThe API refused: HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message} (request {ex.RequestId ?? "n/a"})");
        }
        catch (ApiConnectionException ex)
        {
            Console.Error.WriteLine($"\nCould not reach the API: {ex.Message}");
        }
        catch (ApiTimeoutException ex)
        {
            Console.Error.WriteLine($"\nGave up waiting: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("\nStopped.");
        }

        return 1;
    }

    private static async Task<int> RunOnFakeServerAsync(CancellationToken cancellationToken)
    {
        await using var server = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { CancellingFor = TimeSpan.FromSeconds(3) }, cancellationToken);
        Console.WriteLine(Environment.GetEnvironmentVariable(OpenAIClient.EnvironmentPrefix + "_API_KEY") is null
            ? $"No OPENAI_API_KEY set: using the embedded fake Batch server at {server.BaseAddress}"
            : $"Using the embedded fake Batch server at {server.BaseAddress} (pass --live BATCH_ID to use the real API)");

        using var client = new OpenAIClient(new ClientOptions { ApiKey = server.ApiKey, BaseAddress = server.BaseAddress });

        var created = await client.CreateBatchAsync(
            new CreateBatchRequest
            {
                InputFileId = "file-sample-requests",
                Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions,
                CompletionWindow = CreateBatchRequestCompletionWindow._24h,
                Metadata = new System.Collections.Generic.Dictionary<string, string> { ["purpose"] = "BatchGen sample" },
            },
            cancellationToken);
        Console.WriteLine($"Created {created.Id}: {created.Status}");

        // Let it start, so there is something to cancel.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var running = await client.RetrieveBatchAsync(created.Id, cancellationToken);
        Console.WriteLine($"Retrieved {running.Id}: {running.Status}, {running.RequestCounts?.Completed ?? 0} of {running.RequestCounts?.Total ?? 0} requests done");

        return await CancelAndWaitAsync(client, created.Id, cancellationToken);
    }

    private static async Task<int> RunLiveAsync(string? batchId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OpenAIClient.EnvironmentPrefix + "_API_KEY")))
        {
            Console.Error.WriteLine("--live needs the OPENAI_API_KEY environment variable.");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(batchId))
        {
            Console.Error.WriteLine("--live needs the id of a batch of yours to cancel: --live batch_abc123");
            return 2;
        }

        using var client = new OpenAIClient();
        Console.WriteLine($"Using the OpenAI API at {client.BaseAddress}");
        var batch = await client.RetrieveBatchAsync(batchId, cancellationToken);
        Console.WriteLine($"{batch.Id}: {batch.Status}");
        return await CancelAndWaitAsync(client, batchId, cancellationToken);
    }

    private static async Task<int> CancelAndWaitAsync(OpenAIClient client, string batchId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var interactive = !Console.IsOutputRedirected;
        BatchStatus? lastShown = null;
        var progress = new SynchronousProgress<Batch>(batch =>
        {
            var line = $"[{watch.Elapsed.TotalSeconds,5:0.0}s] {batch.Id}: {batch.Status}";
            if (interactive)
            {
                Console.Write("\r" + line.PadRight(60));
            }
            else if (lastShown != batch.Status)
            {
                Console.WriteLine(line);
            }

            lastShown = batch.Status;
        });

        Console.WriteLine($"Cancelling {batchId}...");
        var final = await client.CancelBatchAndWaitAsync(
            batchId,
            progress,
            new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(5) },
            cancellationToken);
        if (interactive)
        {
            Console.WriteLine();
        }

        PrintSummary(final);
        return final.Status == BatchStatus.Cancelled ? 0 : 1;
    }

    private static void PrintSummary(Batch batch)
    {
        Console.WriteLine();
        Console.WriteLine($"Batch {batch.Id}");
        Console.WriteLine($"  status        {batch.Status}");
        Console.WriteLine($"  endpoint      {batch.Endpoint} ({batch.CompletionWindow} window)");
        Console.WriteLine($"  input file    {batch.InputFileId}");
        Console.WriteLine($"  output file   {batch.OutputFileId ?? "-"}");
        if (batch.RequestCounts is { } counts)
        {
            Console.WriteLine($"  requests      {counts.Completed} completed, {counts.Failed} failed, of {counts.Total}");
        }

        Console.WriteLine($"  created       {batch.CreatedAt:u}");
        Console.WriteLine($"  in progress   {Show(batch.InProgressAt)}");
        Console.WriteLine($"  cancelling    {Show(batch.CancellingAt)}");
        Console.WriteLine($"  cancelled     {Show(batch.CancelledAt)}");
        Console.WriteLine($"  expires       {Show(batch.ExpiresAt)}");
    }

    private static string Show(DateTimeOffset? time) => time is { } value ? value.ToString("u") : "-";

    /// <summary>Progress&lt;T&gt; posts to the thread pool and can report out of order; a console line wants order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
