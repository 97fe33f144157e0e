using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// Diagnostics with their exact spans and arguments, through the Roslyn SDK's harness: it fails on
/// any diagnostic not listed, generator's or compiler's, so a test also proves nothing else fired.
/// </summary>
public sealed class DiagnosticLocationTests
{
    private const string Header = "openapi: 3.1.0\ninfo: { title: Spec, version: '1' }\npaths: {}\n";

    [Fact]
    public async Task A_missing_reference_is_reported_at_its_ref()
    {
        var spec = Header + "components:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: { $ref: '#/components/schemas/Missing' }\n";
        var test = new SdkGeneratorTest().WithSpec("/specs/a.yaml", spec);
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0004", DiagnosticSeverity.Error, "/specs/a.yaml", 9, 14)
            .WithArguments("#/components/schemas/A/properties/b", "#/components/schemas/Missing"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Two_specs_with_the_same_file_name_are_BG0007_and_the_first_is_kept()
    {
        var test = new SdkGeneratorTest()
            .WithSpec("/one/api.yaml", Header, "One")
            .WithSpec("/two/api.yaml", Header, "Two");
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0007", DiagnosticSeverity.Error, "/two/api.yaml", 1, 1).WithArguments("api", "api.*.g.cs"));
        test.TestState.Sources.Add("class UsesFirst { One.SpecClient? A; }");
        await test.RunAsync();
    }

    [Fact]
    public async Task Two_specs_with_different_names_both_generate_side_by_side()
    {
        var other = "openapi: 3.1.0\ninfo: { title: Other, version: '1' }\npaths: {}\ncomponents: { schemas: { Thing: { type: object, properties: { id: { type: string } } } } }\n";
        var test = new SdkGeneratorTest()
            .WithSpec("/specs/first.yaml", Header + "components: { schemas: { Thing: { type: object, properties: { name: { type: string } } } } }\n", "First")
            .WithSpec("/specs/second.yaml", other, "Second");
        test.TestState.Sources.Add("class UsesBoth { First.Thing A = new() { Name = \"a\" }; Second.Thing B = new() { Id = \"b\" }; First.SpecClient? C; Second.OtherClient? D; }");
        await test.RunAsync();
    }

    [Fact]
    public async Task A_schema_position_holding_a_scalar_is_BG0012_at_its_key()
    {
        var spec = Header + "components:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: 42\n";
        var test = new SdkGeneratorTest().WithSpec("/specs/a.yaml", spec);
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0012", DiagnosticSeverity.Error, "/specs/a.yaml", 9, 9)
            .WithArguments("a schema is expected, but the spec has a number; write a schema object; until then this is generated as JsonElement"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_failure_inside_the_OpenAPI_reader_is_BG0013_not_an_exception()
    {
        var spec = Header + "components:\n  schemas:\n    A: { $ref: '' }\n";
        var test = new SdkGeneratorTest().WithSpec("/specs/a.yaml", spec);
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0013", DiagnosticSeverity.Error, "/specs/a.yaml", 1, 1)
            .WithArguments("ArgumentNullException: Value cannot be null or empty: referenceId (Parameter 'referenceId')"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_filter_entry_that_matches_nothing_is_a_warning_and_the_rest_generates()
    {
        var spec = "openapi: 3.1.0\ninfo: { title: Spec, version: '1' }\npaths:\n  /a:\n    get:\n      operationId: getA\n      tags: [Alpha]\n      responses: { '204': { description: none } }\n";
        var test = new SdkGeneratorTest();
        test.TestState.AdditionalFiles.Add(("/specs/a.yaml", spec));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "[/specs/a.yaml]\nbuild_metadata.AdditionalFiles.BatchGenNamespace = Specs\nbuild_metadata.AdditionalFiles.BatchGenTags = Alpha,Beta\n"));
        test.TestState.Sources.Add("class UsesIt { Specs.IGetA? A; }");
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0010", DiagnosticSeverity.Warning, "/specs/a.yaml", 1, 1).WithArguments("BatchGenTags", "Beta"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_json_syntax_error_is_located_by_character_not_byte()
    {
        // "é" is two bytes in UTF-8: System.Text.Json reports bytes, the diagnostic must say characters.
        var spec = "{\n  \"openapi\": \"3.1.0\", \"info\": {\"title\": \"é\", \"version\": \"1\"},, \"paths\": {}\n}\n";
        var test = new SdkGeneratorTest().WithSpec("/specs/a.json", spec);
        test.ExpectedDiagnostics.Add(SdkGeneratorTest.At("BG0001", DiagnosticSeverity.Error, "/specs/a.json", 2, 62)
            .WithArguments("JSON", "',' is an invalid start of a property name. Expected a '\"'"));
        await test.RunAsync();
    }
}
