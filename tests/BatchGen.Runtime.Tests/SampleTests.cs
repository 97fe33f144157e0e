using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>The README's first command: the sample runs a whole job, then a cancel, on its embedded server.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task The_sample_runs_a_whole_job_then_cancels_a_second_batch_with_exit_code_0()
    {
        var sample = typeof(SampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleAssembly").Value!;
        Assert.True(File.Exists(sample), $"The sample was not built at {sample}.");

        var start = new ProcessStartInfo("dotnet", $"\"{sample}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("OPENAI_API_KEY");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await errors}");
        Assert.Contains("using the embedded fake Batch server", text);
        Assert.Contains("Uploaded requests.jsonl as file-", text);
        Assert.Contains(": completed, 3 of 3 requests answered", text);
        Assert.Contains("  q1: echo: What is a batch?", text);
        Assert.Contains("  q3: echo: How long does it take?", text);
        Assert.Contains(": cancelling", text);
        Assert.Contains("status        cancelled", text);
    }
}
