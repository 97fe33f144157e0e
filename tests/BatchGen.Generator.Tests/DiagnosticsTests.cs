using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>Bad specs give a BG diagnostic at the right line and column, never an exception.</summary>
public sealed class DiagnosticsTests
{
    private static IDictionary<string, string> Marked => GeneratorHarness.DefaultMetadata;

    private static Diagnostic Single(GeneratorRunOutcome outcome, string id)
    {
        Assert.Empty(outcome.Result.Results.Where(r => r.Exception is not null));
        return Assert.Single(outcome.AllGeneratorDiagnostics, d => d.Id == id);
    }

    [Fact]
    public void Malformed_yaml_is_reported_at_its_line_and_column()
    {
        const string spec = "openapi: 3.1.0\ninfo:\n  title: Broken\n  version: \"1\"\npaths:\n  /a: [unclosed\n";
        var outcome = GeneratorHarness.Run("/specs/broken.yaml", spec, Marked);

        var diagnostic = Single(outcome, "BG0001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/broken.yaml", span.Path);
        Assert.Equal(6, span.StartLinePosition.Line); // 0-based: one past the last line, where the '[' is still open
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Bad_indentation_points_at_the_offending_line()
    {
        const string spec = "openapi: 3.1.0\ninfo:\n  title: Broken\n   version: \"1\"\npaths: {}\n";
        var outcome = GeneratorHarness.Run("/specs/indent.yaml", spec, Marked);

        var diagnostic = Single(outcome, "BG0001");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(3, span.StartLinePosition.Line); // "   version" on line 4 (1-based)
        Assert.Contains("YAML", diagnostic.GetMessage());
    }

    [Fact]
    public void Duplicate_keys_are_an_error_at_the_second_key()
    {
        const string spec = "openapi: 3.1.0\ninfo:\n  title: Dup\n  version: \"1\"\n  title: Again\npaths: {}\n";
        var diagnostic = Single(GeneratorHarness.Run("/specs/dup.yaml", spec, Marked), "BG0001");
        Assert.Contains("Duplicate key 'title'", diagnostic.GetMessage());
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Fact]
    public void Json_syntax_errors_are_located()
    {
        const string spec = "{\n  \"openapi\": \"3.1.0\",\n  \"info\": { \"title\": \"x\", \"version\": \"1\" },\n  \"paths\": { ,}\n}\n";
        var diagnostic = Single(GeneratorHarness.Run("/specs/broken.json", spec, Marked), "BG0001");
        Assert.Contains("JSON", diagnostic.GetMessage());
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_missing_reference_is_an_error_at_the_ref()
    {
        var spec = """
            openapi: 3.1.0
            info:
              title: Refs
              version: "1"
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    other:
                      $ref: "#/components/schemas/Missing"
            """;
        var outcome = GeneratorHarness.Run("/specs/refs.yaml", spec, Marked);
        var diagnostic = Single(outcome, "BG0004");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(11, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("#/components/schemas/Missing", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths: {}\n", "Swagger 2.0")]
    [InlineData("openapi: 4.0.0\ninfo: {title: x, version: \"1\"}\npaths: {}\n", "OpenAPI 4.0.0")]
    public void Unsupported_versions_are_reported(string spec, string expected)
    {
        var diagnostic = Single(GeneratorHarness.Run("/specs/old.yaml", spec, Marked), "BG0002");
        Assert.Contains(expected, diagnostic.GetMessage());
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_marked_file_that_is_not_a_spec_is_an_error()
    {
        var diagnostic = Single(GeneratorHarness.Run("/specs/config.yaml", "name: something\nvalue: 3\n", Marked), "BG0005");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void An_empty_marked_file_is_an_error()
        => Single(GeneratorHarness.Run("/specs/empty.yaml", string.Empty, Marked), "BG0005");

    [Fact]
    public void Unmarked_yaml_that_is_not_a_spec_is_ignored()
    {
        var outcome = GeneratorHarness.Run("/config/other-tool.yaml", "name: something\nvalue: 3\n");
        Assert.Empty(outcome.Sources);
        var info = Assert.Single(outcome.AllGeneratorDiagnostics);
        Assert.Equal("BG0009", info.Id); // no spec listed: says how to add one
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Contains("<AdditionalFiles Include=", info.GetMessage());
    }

    [Fact]
    public void An_unmarked_spec_is_generated_with_defaults()
    {
        var outcome = GeneratorHarness.Run(TestPaths.BatchSpec, File.ReadAllText(TestPaths.BatchSpec));
        Assert.Empty(outcome.AllGeneratorDiagnostics);
        Assert.Contains("namespace BatchGen.Generated;", outcome.Source("Batch"));
        Assert.Contains("class OpenAIClientJsonContext", outcome.Source("OpenAIClientJsonContext"));
        Assert.Empty(outcome.CompileDiagnostics);
    }

    [Fact]
    public void An_invalid_namespace_falls_back_with_a_warning()
    {
        var outcome = GeneratorHarness.Run(TestPaths.BatchSpec, File.ReadAllText(TestPaths.BatchSpec), new Dictionary<string, string> { ["BatchGenNamespace"] = "My Api!" });
        var diagnostic = Single(outcome, "BG0008");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity); // escalated to an error under warnings-as-errors
        Assert.Contains("namespace BatchGen.Generated;", outcome.Source("Batch"));
    }

    [Fact]
    public void Every_descriptor_has_a_BG_id_title_and_actionable_message()
    {
        var all = Diagnostics.DiagnosticDescriptors.All;
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        var shipped = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in all)
        {
            Assert.Matches("^BG[0-9]{4}$", descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.Contains(descriptor.Id, shipped);
        }
    }
}
