using Xunit;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>A test that needs the complete OpenAI spec; skipped, saying why, on a clone without ../shared.</summary>
public sealed class RealSpecFactAttribute : FactAttribute
{
    public RealSpecFactAttribute()
    {
        if (!File.Exists(TestPaths.RealOpenAiSpec))
        {
            Skip = $"The complete OpenAI spec is not at {TestPaths.RealOpenAiSpec}: it lives in ../shared beside the repository, which a user's clone does not have.";
        }
    }
}
