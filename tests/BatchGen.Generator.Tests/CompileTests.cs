using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>The generated code compiles against the runtime with zero diagnostics and has the promised shape.</summary>
public sealed class CompileTests
{
    private static readonly Lazy<GeneratorRunOutcome> s_outcome = new(() => GeneratorHarness.RunBatchSpec());

    private static INamedTypeSymbol Type(string name)
        => s_outcome.Value.Output.GetTypeByMetadataName("OpenAI.Batches." + name)
           ?? throw new InvalidOperationException($"Type {name} was not generated.");

    private static string PropertyType(string typeName, string property)
        => Type(typeName).GetMembers(property).OfType<IPropertySymbol>().Single().Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));

    [Fact]
    public void Generator_reports_nothing_for_the_batch_spec()
        => Assert.Empty(s_outcome.Value.AllGeneratorDiagnostics);

    [Fact]
    public void Generated_code_and_runtime_compile_without_warnings()
    {
        var problems = s_outcome.Value.CompileDiagnostics;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Batch_has_all_22_properties_of_the_spec()
    {
        var properties = Type("Batch").GetMembers().OfType<IPropertySymbol>().Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && p.Name is not ("EqualityContract" or "AdditionalProperties")).ToList();
        Assert.Equal(22, properties.Count);
    }

    [Theory]
    [InlineData("Batch", "Id", "string")]
    [InlineData("Batch", "InputFileId", "string")]
    [InlineData("Batch", "Model", "string?")]
    [InlineData("Batch", "Status", "BatchStatus")]
    [InlineData("Batch", "Object", "string")]
    [InlineData("Batch", "CreatedAt", "DateTimeOffset")]
    [InlineData("Batch", "CancelledAt", "DateTimeOffset?")]
    [InlineData("Batch", "Usage", "BatchUsage?")]
    [InlineData("Batch", "Errors", "BatchErrors?")]
    [InlineData("Batch", "RequestCounts", "BatchRequestCounts?")]
    [InlineData("Batch", "Metadata", "IReadOnlyDictionary<string, string>?")]
    [InlineData("BatchUsage", "InputTokensDetails", "BatchUsageInputTokensDetails")]
    [InlineData("BatchUsage", "OutputTokensDetails", "BatchUsageOutputTokensDetails")]
    [InlineData("BatchUsageInputTokensDetails", "CachedTokens", "long")]
    [InlineData("BatchErrors", "Data", "IReadOnlyList<BatchError>?")]
    [InlineData("BatchError", "Param", "string?")]
    [InlineData("BatchError", "Line", "long?")]
    [InlineData("Error", "Code", "string?")]
    [InlineData("Error", "Message", "string")]
    [InlineData("ListBatchesResponse", "Data", "IReadOnlyList<Batch>")]
    [InlineData("ListBatchesResponse", "HasMore", "bool")]
    [InlineData("CreateBatchRequest", "Endpoint", "CreateBatchRequestEndpoint")]
    [InlineData("CreateBatchRequest", "CompletionWindow", "string")]
    [InlineData("BatchFileExpirationAfter", "Seconds", "long")]
    public void Properties_have_exact_types_and_nullability(string type, string property, string expected)
        => Assert.Equal(expected, PropertyType(type, property));

    [Fact]
    public void Required_properties_are_required_members()
    {
        var batch = Type("Batch");
        var required = batch.GetMembers().OfType<IPropertySymbol>().Where(p => p.IsRequired).Select(p => p.Name).OrderBy(n => n).ToList();
        // "object" is required too, but as a single-valued enum it defaults to its value.
        Assert.Equal(new[] { "CompletionWindow", "CreatedAt", "Endpoint", "Id", "InputFileId", "Status" }, required);
    }

    [Fact]
    public void Each_operation_has_its_own_interface()
    {
        var cancel = Type("ICancelBatch");
        Assert.Equal(TypeKind.Interface, cancel.TypeKind);
        var method = cancel.GetMembers("CancelBatchAsync").OfType<IMethodSymbol>().Single();
        Assert.Equal("System.Threading.Tasks.Task<OpenAI.Batches.Batch>", method.ReturnType.ToDisplayString());
        Assert.Equal(new[] { "batchId", "cancellationToken", "requestOptions" }, method.Parameters.Select(p => p.Name));
        Assert.Equal("string", method.Parameters[0].Type.ToDisplayString());
        Assert.True(method.Parameters[1].HasExplicitDefaultValue);
        Assert.Contains("The ID of the batch to cancel.", method.GetDocumentationCommentXml());

        Assert.NotNull(Type("ICreateBatch"));
        Assert.NotNull(Type("IRetrieveBatch"));
        var list = Type("IListBatches").GetMembers("ListBatchesAsync").OfType<IMethodSymbol>().Single();
        Assert.Equal(new[] { "after", "limit", "cancellationToken", "requestOptions" }, list.Parameters.Select(p => p.Name));
        Assert.Equal("long?", list.Parameters[1].Type.ToDisplayString());
    }

    [Fact]
    public void Status_enum_has_a_member_per_spec_value()
    {
        var members = Type("BatchStatus").GetMembers().OfType<IPropertySymbol>().Where(p => p.IsStatic).Select(p => p.Name).ToList();
        Assert.Equal(new[] { "Validating", "Failed", "InProgress", "Finalizing", "Completed", "Expired", "Cancelling", "Cancelled" }, members);
    }

    [Fact]
    public void Enum_values_that_are_not_identifiers_get_valid_names()
    {
        var endpoint = Type("CreateBatchRequestEndpoint").GetMembers().OfType<IPropertySymbol>().Where(p => p.IsStatic).Select(p => p.Name).ToList();
        Assert.Contains("V1ChatCompletions", endpoint);
        Assert.Contains("V1ImagesGenerations", endpoint);
    }

    [Fact]
    public void An_inline_enum_of_one_value_is_a_string_defaulting_to_it_not_a_type()
    {
        // completion_window: enum [24h]; object: enum [batch]. Neither needs a type of its own.
        var compilation = s_outcome.Value.Output;
        Assert.Null(compilation.GetTypeByMetadataName("OpenAI.Batches.CreateBatchRequestCompletionWindow"));
        Assert.Null(compilation.GetTypeByMetadataName("OpenAI.Batches.BatchObject"));
        var window = (IPropertySymbol)Type("CreateBatchRequest").GetMembers("CompletionWindow").Single();
        Assert.False(window.IsRequired);
        Assert.Equal(SpecialType.System_String, window.Type.SpecialType);
        var source = s_outcome.Value.Sources.Single(s => s.HintName == "openai.CreateBatchRequest.g.cs").Text;
        Assert.Contains("public string CompletionWindow { get; init; } = \"24h\";", source);
        Assert.Contains("/// <remarks>JSON <c>completion_window</c>, required, always <c>24h</c>.</remarks>", source);
    }

    [Fact]
    public void Descriptions_become_doc_comments()
    {
        var property = Type("Batch").GetMembers("CreatedAt").Single();
        Assert.Contains("The Unix timestamp (in seconds) for when the batch was created.", property.GetDocumentationCommentXml());
    }

    [Fact]
    public void Every_file_is_marked_generated_with_nullable_annotations_and_no_nullable_warnings()
    {
        foreach (var (hintName, text) in s_outcome.Value.Sources)
        {
            Assert.StartsWith("// <auto-generated/>", text);
            // Annotations for callers, no flow analysis in their builds (the harness turns it back on).
            Assert.Contains("\n#nullable enable annotations\n" + GeneratorRunOutcome.NullableWarningsOff + "\n", text);
            Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"BatchGen\"", text);
            Assert.EndsWith(".g.cs", hintName);
        }
    }
    [Fact]
    public void The_harness_checks_generated_code_for_nullable_warnings_the_file_turns_off()
    {
        // A generated file's header, and a nullable mistake below it: a user's build would not
        // report it, the tests must.
        var generated = "#nullable enable annotations\n" + GeneratorRunOutcome.NullableWarningsOff + "\nnamespace N;\n/// <summary>S</summary>\npublic static class S\n{\n    /// <summary>M</summary>\n    public static string M(string? s) => s;\n}\n";
        var lenient = GeneratorHarness.CreateCompilation(generated);
        Assert.Empty(lenient.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var strict = (s_outcome.Value with { Output = lenient }).CompileDiagnostics;
        Assert.Contains(strict, d => d.Id == "CS8603");
    }
}
