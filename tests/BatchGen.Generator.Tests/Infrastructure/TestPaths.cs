using System.Reflection;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>Where the test project, the repository and the shared real-world spec are on disk.</summary>
public static class TestPaths
{
    public static string ProjectDirectory { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    public static string BatchSpec { get; } = Path.Combine(RepositoryRoot, "specs", "openai.yaml");

    /// <summary>The complete OpenAI spec, beside the repository as <c>../shared</c>; absent on a user's clone.</summary>
    public static string RealOpenAiSpec { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openai-openapi", "openapi.yaml"));

    public static string SnapshotDirectory { get; } = Path.Combine(ProjectDirectory, "Snapshots");
}
