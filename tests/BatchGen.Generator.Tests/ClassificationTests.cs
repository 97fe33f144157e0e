using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// How a schema is classified when a keyword is present but empty (<c>required: []</c>,
/// <c>enum: []</c>, <c>anyOf: []</c>, <c>oneOf: []</c>). Specs written by tools do this; an empty
/// list constrains nothing, so it must classify exactly as the keyword's absence would. JSON Schema
/// forbids the empty <c>anyOf</c> and <c>oneOf</c>, so those two also get BG0012 at the list.
/// </summary>
public sealed class ClassificationTests
{
    public static TheoryData<string> EmptyListKeywords => new() { "required", "enum", "anyOf", "oneOf" };

    [Theory]
    [MemberData(nameof(EmptyListKeywords))]
    public void An_annotation_part_with_an_empty_list_still_only_annotates_the_reference(string keyword)
    {
        var holder = HolderOf($"{{ allOf: [{{ $ref: '#/components/schemas/Limits' }}, {{ nullable: true, {keyword}: [] }}] }}", out var outcome);

        AssertIsNullableLimits(holder, outcome);
    }

    [Theory]
    [MemberData(nameof(EmptyListKeywords))]
    public void A_wrapper_with_an_empty_list_beside_its_allOf_still_only_annotates_the_reference(string keyword)
    {
        var holder = HolderOf($"{{ allOf: [{{ $ref: '#/components/schemas/Limits' }}], nullable: true, {keyword}: [] }}", out var outcome);

        AssertIsNullableLimits(holder, outcome);
    }

    [Fact]
    public void An_empty_anyOf_beside_a_oneOf_leaves_the_oneOf_as_the_union()
    {
        var outcome = Run("""
                Choice: { anyOf: [], oneOf: [{ type: string }, { type: integer }] }
            """);

        var choice = outcome.Output.GetTypeByMetadataName("C.Choice");
        Assert.NotNull(choice);
        var source = Assert.Single(outcome.Sources, s => s.HintName == "c.Choice.g.cs").Text;
        var variants = source.Split("new global::BatchGen.JsonUnionVariant<global::C.Choice>(").Skip(1).Select(v => v[..v.IndexOf(',')]).ToList();
        Assert.Equal(new[] { "global::BatchGen.JsonShape.String", "global::BatchGen.JsonShape.Integer" }, variants);
    }

    [Fact]
    public void A_string_schema_with_an_empty_enum_is_a_string_not_an_enum()
    {
        var holder = HolderOf("{ type: string, enum: [] }", out var outcome);

        Assert.Equal(SpecialType.System_String, Property(holder, "Limits").Type.SpecialType);
        Assert.Null(outcome.Output.GetTypeByMetadataName("C.HolderLimits"));
    }

    private static void AssertIsNullableLimits(INamedTypeSymbol holder, GeneratorRunOutcome outcome)
    {
        var limits = Property(holder, "Limits");
        Assert.True(SymbolEqualityComparer.Default.Equals(outcome.Output.GetTypeByMetadataName("C.Limits"), limits.Type), $"Holder.Limits is {limits.Type}");
        Assert.Equal(NullableAnnotation.Annotated, limits.NullableAnnotation);
        Assert.Null(outcome.Output.GetTypeByMetadataName("C.HolderLimits"));
    }

    private static IPropertySymbol Property(INamedTypeSymbol type, string name)
        => Assert.Single(type.GetMembers(name).OfType<IPropertySymbol>());

    private static INamedTypeSymbol HolderOf(string limitsSchema, out GeneratorRunOutcome outcome)
    {
        outcome = Run($$"""
                Limits: { type: object, properties: { max: { type: integer } } }
                Holder: { type: object, properties: { limits: {{limitsSchema}} } }
            """);
        return outcome.Output.GetTypeByMetadataName("C.Holder")!;
    }

    private static GeneratorRunOutcome Run(string schemas)
    {
        var spec = "openapi: 3.1.0\ninfo: { title: C, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n" + schemas + "\n";
        var outcome = GeneratorHarness.Run("c.yaml", spec, new Dictionary<string, string> { ["BatchGenNamespace"] = "C" });
        var errors = outcome.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var forbidden in new[] { "anyOf", "oneOf" }.Where(k => schemas.Contains(k + ": []", StringComparison.Ordinal)))
        {
            var error = Assert.Single(errors, e => e.GetMessage().Contains(forbidden + " must be a non-empty list of schemas, but the spec has an empty list", StringComparison.Ordinal));
            Assert.Equal("BG0012", error.Id);
            errors.Remove(error);
        }

        Assert.Empty(errors);
        Assert.Empty(outcome.CompileDiagnostics);
        return outcome;
    }
}
