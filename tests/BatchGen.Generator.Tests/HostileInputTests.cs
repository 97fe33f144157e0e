using System.Text;
using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>No file can break the build with an exception or a hang: each gets a BG diagnostic, at its line when it has one.</summary>
public sealed class HostileInputTests
{
    private static readonly IDictionary<string, string> Marked = GeneratorHarness.DefaultMetadata;

    private static GeneratorRunOutcome Run(string text, string path = "/specs/hostile.yaml")
    {
        var outcome = GeneratorHarness.Run(path, text, Marked);
        Assert.All(outcome.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(outcome.AllGeneratorDiagnostics, d => d.Id == "BG0006"); // an unexpected exception, caught
        return outcome;
    }

    private static Diagnostic Error(GeneratorRunOutcome outcome, string id, int? line = null)
    {
        var diagnostic = Assert.Single(outcome.AllGeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.DefaultSeverity);
        if (line is not null)
        {
            Assert.Equal(line.Value, diagnostic.Line());
        }

        return diagnostic;
    }

    private const string Header = "openapi: 3.1.0\ninfo:\n  title: Hostile\n  version: \"1\"\n";

    [Fact]
    public void Binary_garbage()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        Error(Run(Encoding.Latin1.GetString(bytes)), "BG0001");
    }

    [Fact]
    public void Truncated_yaml()
    {
        var full = File.ReadAllText(TestPaths.BatchSpec);
        var outcome = Run(full.Substring(0, full.IndexOf("            - cancelling", StringComparison.Ordinal) + 16));
        Assert.Contains(outcome.AllGeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Tabs_in_indentation()
        => Error(Run(Header + "paths:\n\t/a: {}\n"), "BG0001", line: 6);

    [Fact]
    public void Duplicate_keys()
        => Error(Run(Header + "paths: {}\npaths: {}\n"), "BG0001", line: 6);

    [Fact]
    public void An_unclosed_bracket()
        => Error(Run(Header + "paths:\n  /a:\n    get:\n      tags: [a, b\n"), "BG0001");

    [Fact]
    public void A_genuinely_invalid_block_scalar()
        => Error(Run(Header + "x: |\n     \n  more spaces at the beginning\n  are invalid\npaths: {}\n"), "BG0001", line: 7);

    [Fact]
    public void A_json_spec_with_a_syntax_error()
        => Error(Run("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {]}", "/specs/hostile.json"), "BG0001", line: 1);

    [Fact]
    public void An_alias_bomb_is_refused_quickly()
    {
        var yaml = new StringBuilder(Header + "x:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"  a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        var diagnostic = Error(Run(yaml.Append("paths: {}\n").ToString()), "BG0001");
        Assert.Contains("alias", diagnostic.GetMessage());
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_generate()
    {
        var outcome = Run(Header + """
            paths: {}
            components:
              schemas:
                Base:
                  type: object
                  properties: &props
                    id: {type: string}
                    created_at: {type: integer, format: unixtime}
                Copy:
                  type: object
                  properties:
                    <<: *props
                    extra: {type: boolean}
            """ + "\n");
        Assert.Empty(outcome.AllGeneratorDiagnostics);
        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Contains("CreatedAt", outcome.Source("Copy"));
        Assert.Contains("Extra", outcome.Source("Copy"));
    }

    [Fact]
    public void Scalars_yaml_would_retype_are_read_as_the_spec_means_them()
    {
        var outcome = Run("openapi: 3.1.0\ninfo:\n  title: Retype\n  version: 1.0\npaths: {}\ncomponents:\n  schemas:\n    Answer:\n      type: string\n      enum: [yes, no, 2024-10-01, on]\n");
        Assert.Empty(outcome.AllGeneratorDiagnostics);
        var source = outcome.Source("Answer");
        Assert.Contains("\"yes\"", source);
        Assert.Contains("\"2024-10-01\"", source);
        Assert.Contains("\"on\"", source);
        Assert.Empty(outcome.CompileDiagnostics);
    }

    [Fact]
    public void Self_and_mutually_recursive_references_generate()
    {
        var outcome = Run(Header + """
            paths: {}
            components:
              schemas:
                Node:
                  type: object
                  properties:
                    children: {type: array, items: {$ref: "#/components/schemas/Node"}}
                    other: {$ref: "#/components/schemas/Other"}
                Other:
                  type: object
                  properties:
                    back: {$ref: "#/components/schemas/Node"}
                Loop1: {$ref: "#/components/schemas/Loop2"}
                Loop2: {$ref: "#/components/schemas/Loop1"}
                UsesLoop:
                  type: object
                  properties:
                    loop: {$ref: "#/components/schemas/Loop1"}
            """ + "\n");
        // The alias loop is an error at each $ref; the recursive types, and everything else, generate.
        var loops = outcome.AllGeneratorDiagnostics.Where(d => d.Id == "BG0011").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, loops.Count);
        Assert.Equal(17, loops[0].Line()); // "Loop1: {$ref: ...}"
        Assert.Contains("'Loop1' is only a reference to 'Loop2'", loops[0].GetMessage());
        Assert.Equal(2, outcome.AllGeneratorDiagnostics.Count);
        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Contains("IReadOnlyList<global::OpenAI.Batches.Node>", outcome.Source("Node"));
        Assert.Contains("JsonElement? Loop", outcome.Source("UsesLoop"));
    }

    [Fact]
    public void Numbers_with_leading_zeros_are_numbers_not_a_failure()
    {
        // YAML 1.2 reads 007 and 01.5 as numbers; JSON has no such spelling, and the reader once
        // handed them to System.Text.Json as they were, which threw (BG0006, nothing generated).
        var outcome = Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Zip:\n      type: integer\n      example: 007\n      maximum: 099999\n    Rate:\n      type: number\n      example: 01.5\n");
        Assert.Empty(outcome.AllGeneratorDiagnostics);
        Assert.Empty(outcome.CompileDiagnostics);
    }

    [Fact]
    public void A_schema_nested_200_levels_deep()
    {
        var yaml = new StringBuilder(Header + "paths: {}\ncomponents:\n  schemas:\n    Deep:\n");
        var indent = "      ";
        for (var i = 0; i < 200; i++)
        {
            yaml.Append($"{indent}type: object\n{indent}properties:\n{indent}  n{i}:\n");
            indent += "    ";
        }

        yaml.Append($"{indent}type: string\n");
        var outcome = Run(yaml.ToString());
        Assert.DoesNotContain(outcome.AllGeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.True(outcome.Sources.Count >= 200);
        Assert.Empty(outcome.CompileDiagnostics);
    }

    [Fact]
    public void A_discriminator_on_an_array_is_a_warning_and_the_rest_generates()
    {
        var outcome = Run(Header + """
            paths: {}
            components:
              schemas:
                Odd:
                  type: array
                  items: {type: string}
                  discriminator: {propertyName: kind}
                Fine:
                  type: object
                  properties:
                    odd: {$ref: "#/components/schemas/Odd"}
            """ + "\n");
        var warning = Assert.Single(outcome.AllGeneratorDiagnostics);
        Assert.Equal("BG0003", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.DefaultSeverity);
        Assert.Equal(11, warning.Line()); // the discriminator key
        Assert.Contains("IReadOnlyList<string>", outcome.Source("Fine"));
    }

    [Fact]
    public void Unsupported_constructs_are_info_diagnostics_naming_the_pointer()
    {
        var outcome = Run(Header + """
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    content:
                      application/octet-stream:
                        schema: {type: string, format: binary}
                  responses:
                    "200":
                      description: ok
                      content:
                        text/event-stream:
                          schema: {type: string}
            components:
              schemas:
                Tuple:
                  type: object
                  properties:
                    pair: {type: [string, integer]}
            """ + "\n");
        var infos = outcome.AllGeneratorDiagnostics.Where(d => d.Id == "BG0100").Select(d => d.GetMessage()).ToList();
        Assert.Contains(infos, m => m.Contains("application/octet-stream") && m.Contains("#/paths/~1upload/post/requestBody"));
        Assert.DoesNotContain(infos, m => m.Contains("text/event-stream"));
        Assert.Contains(infos, m => m.Contains("#/components/schemas/Tuple/properties/pair"));
        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Contains("global::System.Net.Http.HttpContent? content = null", outcome.Source("IUpload"));
        // An event stream alone: the plain method streams the raw body, the streaming variant its events.
        Assert.Contains("global::System.Threading.Tasks.Task<global::BatchGen.StreamedResponse> UploadAsync(", outcome.Source("IUpload"));
        Assert.Contains("global::System.Collections.Generic.IAsyncEnumerable<string> UploadStreamingAsync(", outcome.Source("OpenAIClient"));
    }

    [Fact]
    public void A_large_spec_generates_without_errors()
    {
        // Thirty copies of every schema of our Batch spec, under new names: about 1 MB of YAML.
        var spec = File.ReadAllText(TestPaths.BatchSpec);
        var schemas = spec.Substring(spec.IndexOf("  schemas:\n", StringComparison.Ordinal) + "  schemas:\n".Length);
        var yaml = new StringBuilder(spec);
        for (var copy = 1; copy <= 30; copy++)
        {
            yaml.Append(System.Text.RegularExpressions.Regex.Replace(schemas, "^    ([A-Z])", $"    C{copy}$1", System.Text.RegularExpressions.RegexOptions.Multiline));
        }

        // How fast is measured by the benchmarks (bench/), not here.
        var outcome = Run(yaml.ToString());
        Assert.DoesNotContain(outcome.AllGeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.True(outcome.Sources.Count > 300, $"{outcome.Sources.Count} files");
    }
}
