using System.Text;
using BatchGen.Generator.Model;
using BatchGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>
/// A spec built to collide with every name generated code uses on its own: parameters named like
/// each emitter local, operations named like the methods derived from other operations, properties
/// and enum values named like members every generated type has, types named like the JSON
/// context's members. It must compile with no warning, and the collisions resolve deterministically.
/// </summary>
public sealed class NameClashTests
{
    private static readonly Lazy<GeneratorRunOutcome> s_outcome = new(() => GeneratorHarness.Run("clash.yaml", Spec(), new Dictionary<string, string> { ["BatchGenNamespace"] = "Clash" }));

    /// <summary>Every reserved name, plus lambda parameter names the emitters use, as query parameters (beside the array parameter <c>item</c>).</summary>
    private static IEnumerable<string> ClashingParameterNames()
        => GeneratedNames.ReservedParameterNames
            .Concat(new[] { GeneratedNames.Parameters.Body, GeneratedNames.Parameters.Content, "r", "w", "v", "r1", "w1", "v1", "status" })
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);

    private static string Spec()
    {
        var clashing = new StringBuilder();
        foreach (var name in ClashingParameterNames())
        {
            clashing.Append($"        - {{ name: {name}, in: query, schema: {{ type: string }} }}\n");
        }

        return $$"""
            openapi: 3.1.0
            info: { title: Clash API, version: '1' }
            servers: [{ url: 'https://example.test/v1' }]
            paths:
              /items:
                get:
                  operationId: listItems
                  parameters:
                    - { name: after, in: query, schema: { type: string } }
                    - { name: item, in: query, schema: { type: array, items: { type: string } } }
            {{clashing}}
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/ItemPage' } } } }
                post:
                  operationId: createItem
                  parameters:
                    - { name: request, in: query, schema: { type: string } }
                    - { name: bodyValue, in: query, schema: { type: string } }
                  requestBody: { content: { application/json: { schema: { type: boolean } } } }
                  responses: { '200': { description: ok } }
              /items-with-response:
                get:
                  operationId: listItemsWithResponse
                  responses: { '204': { description: none } }
              /items-auto-paging:
                get:
                  operationId: listItemsAutoPaging
                  responses: { '204': { description: none } }
              /items/{item_id}:
                get:
                  operationId: retrieveItem
                  parameters: [{ name: item_id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              /items/{item_id}/cancel:
                post:
                  operationId: cancelItem
                  parameters: [{ name: item_id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Item' } } } }
              /cancel-and-wait:
                post:
                  operationId: cancelItemAndWait
                  responses: { '204': { description: none } }
              /dispose:
                post:
                  operationId: dispose
                  responses: { '204': { description: none } }
            components:
              schemas:
                Item:
                  type: object
                  required: [id, status]
                  properties:
                    id: { type: string }
                    status: { type: string, enum: [queued, in_progress, done, is_known, JsonConverter, equals] }
                    json_converter: { type: string }
                    equality_contract: { type: string }
                    item: { type: string }
                    choice:
                      oneOf:
                        - { type: string }
                        - { type: object, title: unknown, properties: { value: { type: string } } }
                ItemPage:
                  type: object
                  required: [data, has_more]
                  properties:
                    data: { type: array, items: { $ref: '#/components/schemas/Item' } }
                    has_more: { type: boolean }
                    last_id: { type: string }
                Default: { type: object, properties: { options: { type: string } } }
                DefaultTypeInfo: { type: object, properties: { a: { type: string } } }
                GetTypeInfo: { type: string, enum: [a, b] }
            """;
    }

    [Fact]
    public void A_spec_built_to_collide_compiles_without_warnings()
    {
        Assert.DoesNotContain(s_outcome.Value.AllGeneratorDiagnostics, d => d.Severity > DiagnosticSeverity.Info);
        var problems = s_outcome.Value.CompileDiagnostics;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Parameters_named_like_emitter_locals_are_renamed_and_spec_names_are_kept_otherwise()
    {
        var list = Method("IListItems", "ListItemsAsync");
        var names = list.Parameters.Select(p => p.Name).ToList();
        // A name no generated local uses keeps its spelling; reserved ones are numbered.
        Assert.Contains("item", names);
        Assert.Contains("status", names);
        Assert.Contains("r", names);
        // (A reserved name that camelCase changes, such as the local function IsTransitional, cannot clash.)
        foreach (var reserved in GeneratedNames.ReservedParameterNames.Where(n => n != GeneratedNames.Parameters.CancellationToken && Modeling.Naming.ToCamelCase(n) == n))
        {
            Assert.Contains(reserved + "2", names);
        }

        Assert.Equal(new[] { "cancellationToken", "requestOptions" }, names.TakeLast(2));
    }

    [Fact]
    public void Operations_named_like_derived_methods_are_numbered_in_spec_order()
    {
        var client = Client();
        var methods = client.GetMembers().OfType<IMethodSymbol>().Select(m => m.Name).ToHashSet();
        Assert.Contains("ListItemsAsync", methods);
        Assert.Contains("ListItemsWithResponseAsync", methods);
        Assert.Contains("ListItemsWithResponse2Async", methods);              // listItemsWithResponse
        Assert.Contains("ListItemsAutoPagingAsync", methods);                 // listItemsAutoPaging claims it first
        Assert.Contains("ListItems2AutoPagingAsync", methods);                // so listItems' paging is numbered
        Assert.Contains("CancelItemAndWaitAsync", methods);                   // the operation cancelItemAndWait
        Assert.Contains("CancelItem2AndWaitAsync", methods);                  // cancelItem's wait
        Assert.Contains("Dispose2Async", methods);                            // the client's own Dispose is kept
    }

    [Fact]
    public void Members_named_like_generated_members_get_a_suffix()
    {
        var item = Type("Item");
        var properties = item.GetMembers().OfType<IPropertySymbol>().Select(p => p.Name).ToHashSet();
        Assert.Contains("JsonConverterValue", properties);
        Assert.Contains("EqualityContractValue", properties);
        var status = Type("ItemStatus").GetMembers().OfType<IPropertySymbol>().Where(p => p.IsStatic).Select(p => p.Name).ToList();
        Assert.Equal(new[] { "Queued", "InProgress", "Done", "IsKnownValue", "JsonConverterValue", "EqualsValue" }, status);
    }

    [Fact]
    public void Json_context_properties_that_clash_are_renamed_by_one_scope()
    {
        var context = Type("ClashClientJsonContext");
        var properties = context.GetMembers().OfType<IPropertySymbol>().Select(p => (p.Name, Type: ((INamedTypeSymbol)p.Type).TypeArguments.FirstOrDefault()?.Name)).ToList();
        Assert.Contains(("DefaultTypeInfo", "Default"), properties);
        Assert.Contains(("DefaultTypeInfo2", "DefaultTypeInfo"), properties);
        Assert.Contains(("GetTypeInfoTypeInfo", "GetTypeInfo"), properties);
    }

    /// <summary>
    /// Every local the emitters declare in the client is one <see cref="GeneratedNames.Locals"/>
    /// lists: an emitter that starts writing a new local without reserving it fails here.
    /// </summary>
    [Fact]
    public void Every_local_in_generated_methods_is_a_reserved_name()
    {
        var source = s_outcome.Value.Source("ClashClient");
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var declared = root.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Parent?.Parent is LocalDeclarationStatementSyntax).Select(v => v.Identifier.Text)
            .Concat(root.DescendantNodes().OfType<ForEachStatementSyntax>().Select(f => f.Identifier.Text))
            .Concat(root.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.Text))
            .Concat(root.DescendantNodes().OfType<LocalFunctionStatementSyntax>().SelectMany(f => f.ParameterList.Parameters.Select(p => p.Identifier.Text).Append(f.Identifier.Text)))
            .Concat(root.DescendantNodes().OfType<SimpleLambdaExpressionSyntax>().Where(l => !l.Modifiers.Any(SyntaxKind.StaticKeyword)).Select(l => l.Parameter.Identifier.Text))
            .Distinct()
            .ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, name => Assert.Contains(name, GeneratedNames.Locals.All));
    }

    private static INamedTypeSymbol Type(string name)
        => s_outcome.Value.Output.GetTypeByMetadataName("Clash." + name) ?? throw new InvalidOperationException($"{name} was not generated.");

    private static INamedTypeSymbol Client() => Type("ClashClient");

    private static IMethodSymbol Method(string type, string name) => Type(type).GetMembers(name).OfType<IMethodSymbol>().Single();
}
