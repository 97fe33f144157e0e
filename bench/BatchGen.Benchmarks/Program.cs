using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;

namespace BatchGen.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>bench/run.sh</c> runs them all and copies the Markdown tables to
/// bench/results; pass BenchmarkDotNet arguments to pick some (<c>--filter *Json*</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(Paths.Results, "artifacts"))
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
