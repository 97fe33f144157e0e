using Xunit;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>
/// Whether tests that need the complete OpenAI spec run. A user's clone has no <c>../shared</c>, so
/// they skip, saying why; <c>.ci/run</c> sets <c>BATCHGEN_REQUIRE_SHARED=1</c>, under which a
/// missing spec is not skipped but fails, so CI cannot pass by leaving them out.
/// </summary>
public static class RealSpec
{
    public const string RequireVariable = "BATCHGEN_REQUIRE_SHARED";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the test skips, or null when it runs.</summary>
    public static string? SkipReason
        => File.Exists(TestPaths.RealOpenAiSpec) || Required
            ? null
            : $"The complete OpenAI spec is not at {TestPaths.RealOpenAiSpec}: it lives in ../shared beside the repository, which a user's clone does not have (set {RequireVariable}=1 to fail instead).";

    /// <summary>Under <see cref="Required"/>, a missing spec fails here, saying where it was looked for.</summary>
    public static void EnsurePresent()
    {
        if (!File.Exists(TestPaths.RealOpenAiSpec))
        {
            throw new FileNotFoundException($"{RequireVariable}=1 and the complete OpenAI spec is not at {TestPaths.RealOpenAiSpec}.", TestPaths.RealOpenAiSpec);
        }
    }

    /// <summary>The complete spec's text; a missing spec fails as <see cref="EnsurePresent"/> says.</summary>
    public static string ReadText()
    {
        EnsurePresent();
        return File.ReadAllText(TestPaths.RealOpenAiSpec);
    }
}

/// <summary>A test that needs the complete OpenAI spec; see <see cref="RealSpec"/>.</summary>
public sealed class RealSpecFactAttribute : FactAttribute
{
    public RealSpecFactAttribute() => Skip = RealSpec.SkipReason;
}

/// <summary>A theory that needs the complete OpenAI spec; see <see cref="RealSpec"/>.</summary>
public sealed class RealSpecTheoryAttribute : TheoryAttribute
{
    public RealSpecTheoryAttribute() => Skip = RealSpec.SkipReason;
}
