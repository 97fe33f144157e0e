using System.Reflection;

namespace BatchGen.Benchmarks;

internal static class Paths
{
    public static string Repository { get; } = Path.GetFullPath(typeof(Paths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    public static string BatchSpec => Path.Combine(Repository, "specs", "openai.yaml");

    public static string RealSpec => Path.GetFullPath(Path.Combine(Repository, "..", "shared", "openai-openapi", "openapi.yaml"));

    public static string Results => Path.Combine(Repository, "bench", "results");
}
