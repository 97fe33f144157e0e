using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BatchGen;
using BatchGen.Sample;
using BatchGen.Testing;
using OpenAI.Batches;

// BatchGen sample: a whole batch job (write JSONL, upload, create, wait, download the answers),
// then a second batch cancelled and waited on.
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
        catch (ApiStatusException ex)
        {
            Console.Error.WriteLine($"\nThe API refused: HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message} (request {ex.RequestId ?? "n/a"})");
        }
        catch (ApiException ex)
        {
            // Any other failure of a call: unreachable, broke off, timed out, or an unreadable answer.
            Console.Error.WriteLine($"\n{ex.GetType().Name}: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("\nStopped.");
        }

        return 1;
    }

    private static async Task<int> RunOnFakeServerAsync(CancellationToken cancellationToken)
    {
        var timings = new FakeBatchServerOptions { ValidatingFor = TimeSpan.FromSeconds(1), InProgressFor = TimeSpan.FromSeconds(3), FinalizingFor = TimeSpan.FromSeconds(1), CancellingFor = TimeSpan.FromSeconds(3) };
        await using var server = await FakeBatchServer.StartAsync(timings, cancellationToken);
        Console.WriteLine(Environment.GetEnvironmentVariable(OpenAIClient.EnvironmentPrefix + "_API_KEY") is null
            ? $"No OPENAI_API_KEY set: using the embedded fake Batch server at {server.BaseAddress}"
            : $"Using the embedded fake Batch server at {server.BaseAddress} (pass --live BATCH_ID to use the real API)");

        using var client = new OpenAIClient(new ClientOptions { ApiKey = server.ApiKey, BaseAddress = server.BaseAddress });
        var (code, inputFileId) = await RunJobAsync(client, cancellationToken);

        // A second batch over the same input, cancelled once it runs.
        var second = await client.Batch.CreateBatchAsync(
            new CreateBatchRequest { InputFileId = inputFileId, Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions },
            cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Created {second.Id}: {second.Status}");
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        return code | await CancelAndWaitAsync(client, second.Id, cancellationToken);
    }

    /// <summary>The whole job: three requests as JSONL, uploaded, run, waited on, and the answers read back by custom_id.</summary>
    private static async Task<(int Code, string InputFileId)> RunJobAsync(OpenAIClient client, CancellationToken cancellationToken)
    {
        // 1. Write the requests as JSONL.
        var questions = new[] { ("q1", "What is a batch?"), ("q2", "Why JSONL?"), ("q3", "How long does it take?") };
        using var input = new MemoryStream();
        await JsonLines.WriteAsync(
            input,
            Array.ConvertAll(questions, q => new BatchInputLine(q.Item1, "POST", "/v1/chat/completions", new ChatBody("gpt-5-mini", new[] { new ChatMessage("user", q.Item2) }))),
            BatchLinesContext.Default.BatchInputLine,
            cancellationToken);

        // 2. Upload them.
        var file = await client.Files.CreateFileAsync(
            new CreateFileRequest { File = ApiFile.FromBytes(input.ToArray(), "requests.jsonl", "application/jsonl"), Purpose = CreateFileRequestPurpose.Batch },
            cancellationToken);
        Console.WriteLine($"Uploaded {file.Filename} as {file.Id} ({file.Bytes} bytes)");

        // 3 and 4. Create the batch and wait until it settles, showing progress.
        var batch = await client.Batch.CreateBatchAndWaitAsync(
            new CreateBatchRequest { InputFileId = file.Id, Endpoint = CreateBatchRequestEndpoint.V1ChatCompletions },
            Progress(),
            new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(5) },
            cancellationToken);
        EndProgressLine();
        Console.WriteLine($"Batch {batch.Id}: {batch.Status}, {batch.RequestCounts?.Completed} of {batch.RequestCounts?.Total} requests answered");
        if (batch.OutputFileId is null)
        {
            return (1, file.Id);
        }

        // 5. Download the output as it arrives and match each answer to its request.
        using var output = await client.Files.DownloadFileAsync(batch.OutputFileId, cancellationToken);
        await foreach (var line in output.ReadJsonLinesAsync(BatchLinesContext.Default.BatchOutputLine, cancellationToken))
        {
            Console.WriteLine($"  {line.CustomId}: {line.Response?.Body.Choices[0].Message.Content ?? line.Error?.Message}");
        }

        return (batch.Status == BatchStatus.Completed ? 0 : 1, file.Id);
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
        var batch = await client.Batch.RetrieveBatchAsync(batchId, cancellationToken);
        Console.WriteLine($"{batch.Id}: {batch.Status}");
        return await CancelAndWaitAsync(client, batchId, cancellationToken);
    }

    private static async Task<int> CancelAndWaitAsync(OpenAIClient client, string batchId, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Cancelling {batchId}...");
        var final = await client.Batch.CancelBatchAndWaitAsync(
            batchId,
            Progress(),
            new PollingOptions { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(5) },
            cancellationToken);
        EndProgressLine();
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

    /// <summary>Shows each status as it changes: on one rewritten line in a terminal, one line per status otherwise.</summary>
    private static IProgress<Batch> Progress()
    {
        var watch = Stopwatch.StartNew();
        BatchStatus? lastShown = null;
        return new SynchronousProgress<Batch>(batch =>
        {
            var line = $"[{watch.Elapsed.TotalSeconds,5:0.0}s] {batch.Id}: {batch.Status}";
            if (!Console.IsOutputRedirected)
            {
                Console.Write("\r" + line.PadRight(60));
            }
            else if (lastShown != batch.Status)
            {
                Console.WriteLine(line);
            }

            lastShown = batch.Status;
        });
    }

    private static void EndProgressLine()
    {
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }

    private static string Show(DateTimeOffset? time) => time is { } value ? value.ToString("u") : "-";

    /// <summary>Progress&lt;T&gt; posts to the thread pool and can report out of order; a console line wants order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
