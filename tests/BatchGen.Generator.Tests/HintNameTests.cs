using BatchGen.Generator.Tests.Infrastructure;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// Generated files are named after the spec's file: a name with characters a hint name may not
/// hold (spaces, '+', non-ASCII punctuation) still generates, each such character as '_'.
/// </summary>
public sealed class HintNameTests
{
    [Fact]
    public void Characters_a_hint_name_cannot_hold_become_underscores_and_the_rest_stays()
    {
        var spec = "openapi: 3.1.0\ninfo: { title: H, version: '1' }\npaths: {}\ncomponents: { schemas: { Thing: { type: object, properties: { a: { type: string } } } } }\n";

        var outcome = GeneratorHarness.Run("/specs/my spec+v2.é-1_x.yaml", spec, new Dictionary<string, string> { ["BatchGenNamespace"] = "H" });

        Assert.Contains(outcome.Sources, s => s.HintName == "my_spec_v2.é-1_x.Thing.g.cs");
        Assert.Empty(outcome.CompileDiagnostics);
    }
}
