using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Running;

namespace BatchGen.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>bench/run.sh</c> runs them all and copies the Markdown tables to
/// bench/results; pass BenchmarkDotNet arguments to pick some (<c>--filter *Json*</c>).
/// <c>--loop Type.Method seconds</c> runs one benchmark in a plain loop for a profiler (<c>bench/profile.sh</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "--loop")
        {
            ProfileLoop.Run(args[1], TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }

        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(Paths.Results, "artifacts"))
            .AddExporter(MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
