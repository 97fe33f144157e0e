using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// BG0012: a spec whose schema positions hold something else gets one error per place, at that
/// place, saying what belongs there and what the spec has; the rest still generates. Every
/// keyword that holds schemas is checked, and only schema positions are.
/// </summary>
public sealed class SchemaShapeTests
{
    private const string Header = "openapi: 3.1.0\ninfo: { title: S, version: '1' }\n";

    public static TheoryData<string> SingleSchemaKeywords => new()
    {
        "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema",
    };

    public static TheoryData<string> SchemaMapKeywords => new() { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" };

    public static TheoryData<string> SchemaListKeywords => new() { "allOf", "anyOf", "oneOf", "prefixItems" };

    [Theory]
    [MemberData(nameof(SingleSchemaKeywords))]
    public void A_keyword_that_holds_one_schema_holding_a_number_is_BG0012_at_it(string keyword)
    {
        var error = SingleError($"components:\n  schemas:\n    Thing:\n      type: object\n      '{keyword}': 42\n");

        Assert.Equal("The OpenAPI document is invalid here: a schema is expected, but the spec has a number; write a schema object; until then this is generated as JsonElement", error.GetMessage());
        Assert.Equal(8, error.Line());
    }

    [Theory]
    [MemberData(nameof(SchemaMapKeywords))]
    public void A_keyword_that_holds_a_map_of_schemas_holding_a_list_is_BG0012_at_it(string keyword)
    {
        var error = SingleError($"components:\n  schemas:\n    Thing:\n      type: object\n      '{keyword}': [1]\n");

        Assert.Equal($"The OpenAPI document is invalid here: {keyword} must be a map of schemas, but the spec has a list; the keyword is ignored", error.GetMessage());
        Assert.Equal(8, error.Line());
    }

    [Theory]
    [MemberData(nameof(SchemaListKeywords))]
    public void A_keyword_that_holds_a_list_of_schemas_holding_an_object_is_BG0012_at_it(string keyword)
    {
        var error = SingleError($"components:\n  schemas:\n    Thing:\n      type: object\n      '{keyword}': {{ a: 1 }}\n");

        Assert.Equal($"The OpenAPI document is invalid here: {keyword} must be a non-empty list of schemas, but the spec has an object; the keyword is ignored", error.GetMessage());
        Assert.Equal(8, error.Line());
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("[]", "an empty list")]
    [InlineData("'text'", "a string")]
    [InlineData("7", "a number")]
    [InlineData("true", "a boolean")]
    public void Components_schemas_that_is_not_a_map_says_what_it_is(string value, string described)
    {
        var error = SingleError($"components:\n  schemas: {value}\n");

        Assert.Equal($"The OpenAPI document is invalid here: schemas must be a map of schemas, but the spec has {described}; it is read as empty", error.GetMessage());
        Assert.Equal(5, error.Line());
    }

    [Theory]
    [InlineData("'text'", "a string")]
    [InlineData("[1, 2]", "a list")]
    [InlineData("null", "null")]
    public void A_property_schema_says_what_the_spec_has_instead(string value, string described)
    {
        var error = SingleError($"components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        a: {value}\n");

        Assert.Equal($"The OpenAPI document is invalid here: a schema is expected, but the spec has {described}; write a schema object; until then this is generated as JsonElement", error.GetMessage());
        Assert.Equal(9, error.Line());
    }

    [Fact]
    public void The_schema_of_a_parameter_in_a_list_is_checked_at_its_own_line()
    {
        var error = SingleError("""
            paths:
              /things:
                get:
                  operationId: listThings
                  parameters:
                    - { name: a, in: query, schema: { type: string } }
                    - name: b
                      in: query
                      schema: 42
                  responses: { '204': { description: none } }
            """);

        Assert.Equal(11, error.Line());
        Assert.Contains("a schema is expected, but the spec has a number", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_keys_outside_components_and_schema_keys_under_x_oaiMeta_are_not_schema_positions()
    {
        // Extensions hold whatever their tools need; only components.schemas and "schema" keys of
        // the OpenAPI structure are schema positions, and OpenAI's x-oaiMeta is documentation.
        var outcome = Run("""
            x-oaiMeta:
              examples: { schema: 42, items: [{ schema: 'text' }] }
            x-tool:
              schemas: [1, 2]
            paths: {}
            components:
              schemas:
                Thing: { type: object, properties: { a: { type: string } } }
            """);

        Assert.DoesNotContain(outcome.AllGeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotNull(outcome.Output.GetTypeByMetadataName("S.Thing"));
    }

    private static Diagnostic SingleError(string body)
    {
        var outcome = Run(body);
        var error = Assert.Single(outcome.AllGeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("BG0012", error.Id);
        Assert.Empty(outcome.CompileDiagnostics);
        return error;
    }

    private static GeneratorRunOutcome Run(string body)
        => GeneratorHarness.Run("s.yaml", Header + (body.Contains("paths:", StringComparison.Ordinal) ? string.Empty : "paths: {}\n") + body,
            new Dictionary<string, string> { ["BatchGenNamespace"] = "S" });
}
