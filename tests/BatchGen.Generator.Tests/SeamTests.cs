using BatchGen.Generator.Common;
using BatchGen.Generator.Emit;
using BatchGen.Generator.Model;
using BatchGen.Generator.Modeling;
using BatchGen.Generator.Modeling.Conventions;
using BatchGen.Generator.Tests.Infrastructure;
using System.Collections.Immutable;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>The seams tested alone: conventions over hand-built models, the writer, inline unions.</summary>
public sealed class SeamTests
{
    private static readonly TypeRef Str = TypeRef.Primitive(TypeKind.String);

    private static ClientModel Model(EquatableArray<ObjectTypeModel> objects, EquatableArray<EnumTypeModel> enums, params OperationModel[] operations)
        => new("x.yaml", "X", "XClient", null, null, null, objects, enums, EquatableArray<UnionTypeModel>.Empty, operations.ToEquatableArray(), EquatableArray<WaitModel>.Empty, new JsonContextModel("XClientJsonContext", EquatableArray<JsonContextEntry>.Empty));

    private static PropertyModel Property(string json, TypeRef type, bool required = true)
        => new(Naming.ToPascalCase(json), json, type, required, null, false, null);

    private static ParameterModel Parameter(string wire, ParameterLocation location, TypeRef type, bool required = false)
        => new(Naming.ToCamelCase(wire), wire, location, type, required, null);

    private static OperationModel Operation(string stem, string method, string path, TypeRef? response, params ParameterModel[] parameters)
        => new(stem, stem, "I" + stem, method, path, null, null, false, parameters.ToEquatableArray(), null, new ResponseModel(response, null), null);

    private static readonly ObjectTypeModel Thing = new("Thing", "#/t", null, new[]
    {
        Property("id", Str),
        Property("status", TypeRef.Generated(TypeKind.Enum, "ThingStatus")),
    }.ToEquatableArray());

    private static readonly EnumTypeModel ThingStatus = new("ThingStatus", "#/s", null, new[]
    {
        new EnumMemberModel("Running", "running"), new EnumMemberModel("Done", "done"), new EnumMemberModel("Queued", "queued"),
    }.ToEquatableArray());

    private static readonly ObjectTypeModel Page = new("ThingPage", "#/p", null, new[]
    {
        Property("data", TypeRef.ArrayOf(TypeRef.Generated(TypeKind.Object, "Thing"))),
        Property("has_more", TypeRef.Primitive(TypeKind.Boolean)),
    }.ToEquatableArray());

    [Fact]
    public void Paging_is_found_on_a_hand_built_model_and_named_from_the_stem()
    {
        var list = Operation("ListThings", "GET", "/things", TypeRef.Generated(TypeKind.Object, "ThingPage"), Parameter("after", ParameterLocation.Query, Str.WithNullable(true)));
        var result = ModelConventions.Apply(Model(new[] { Thing, Page }.ToEquatableArray(), new[] { ThingStatus }.ToEquatableArray(), list));
        var paging = Assert.Single(result.Operations).Paging;
        Assert.NotNull(paging);
        Assert.Equal("ListThingsAutoPagingAsync", paging!.MethodName);
        Assert.Equal("after", paging.CursorParameterName);
        Assert.Equal("Data", paging.ItemsPropertyName);
        Assert.Null(paging.LastIdPropertyName);
        Assert.Equal("Id", paging.ItemIdPropertyName);
    }

    [Fact]
    public void No_paging_without_a_cursor_parameter_or_a_more_flag()
    {
        var noCursor = Operation("ListThings", "GET", "/things", TypeRef.Generated(TypeKind.Object, "ThingPage"));
        Assert.Null(PagingConvention.Detect(Model(new[] { Thing, Page }.ToEquatableArray(), EquatableArray<EnumTypeModel>.Empty, noCursor), noCursor));

        var noFlag = Page with { Properties = new[] { Page.Properties[0] }.ToEquatableArray() };
        var list = Operation("ListThings", "GET", "/things", TypeRef.Generated(TypeKind.Object, "ThingPage"), Parameter("after", ParameterLocation.Query, Str.WithNullable(true)));
        Assert.Null(PagingConvention.Detect(Model(new[] { Thing, noFlag }.ToEquatableArray(), EquatableArray<EnumTypeModel>.Empty, list), list));
    }

    [Fact]
    public void A_resource_with_a_moving_status_gets_a_wait_and_its_cancel_a_cancel_and_wait()
    {
        var thing = TypeRef.Generated(TypeKind.Object, "Thing");
        var id = Parameter("thing_id", ParameterLocation.Path, Str, required: true);
        var model = Model(new[] { Thing }.ToEquatableArray(), new[] { ThingStatus }.ToEquatableArray(),
            Operation("GetThing", "GET", "/things/{thing_id}", thing, id),
            Operation("CancelThing", "POST", "/things/{thing_id}/cancel", thing, id));
        var waits = ModelConventions.Apply(model).Waits;
        Assert.Equal(2, waits.Count);
        var existing = waits.Single(w => w.Kind == WaitKind.Existing);
        Assert.Equal("WaitForThingAsync", existing.MethodName);
        Assert.Null(existing.StartMethodName);
        var cancel = waits.Single(w => w.Kind == WaitKind.Cancel);
        Assert.Equal("CancelThingAndWaitAsync", cancel.MethodName);
        Assert.Equal("CancelThing", cancel.StartMethodName);
        Assert.Equal("GetThing", cancel.RetrieveMethodName);
        Assert.Equal(new[] { "running", "queued" }, cancel.TransitionalValues);
    }

    [Fact]
    public void A_create_on_the_collection_returning_the_resource_gets_a_create_and_wait_polling_by_its_id()
    {
        var thing = TypeRef.Generated(TypeKind.Object, "Thing");
        var project = Parameter("project", ParameterLocation.Path, Str, required: true);
        var id = Parameter("thing_id", ParameterLocation.Path, Str, required: true);
        var model = Model(new[] { Thing }.ToEquatableArray(), new[] { ThingStatus }.ToEquatableArray(),
            Operation("GetThing", "GET", "/p/{project}/things/{thing_id}", thing, project, id),
            Operation("MakeThing", "POST", "/p/{project}/things", thing, project),
            Operation("MakeOther", "POST", "/p/{project}/others", thing, project));
        var create = Assert.Single(ModelConventions.Apply(model).Waits, w => w.Kind == WaitKind.Create);
        Assert.Equal("MakeThingAndWaitAsync", create.MethodName);
        Assert.Equal("MakeThing", create.StartMethodName);
        Assert.Equal("Id", create.IdPropertyName);

        // The id is a string: a retrieve keyed by something else (an array, here) cannot take it.
        var arrayKeyed = model with { Operations = model.Operations.Select(o => o.MethodName == "GetThing" ? o with { Parameters = new[] { project, Parameter("thing_id", ParameterLocation.Path, TypeRef.ArrayOf(Str), required: true) }.ToEquatableArray() } : o).ToEquatableArray() };
        Assert.DoesNotContain(ModelConventions.Apply(arrayKeyed).Waits, w => w.Kind == WaitKind.Create);

        var noId = Thing with { Properties = new[] { Thing.Properties[1] }.ToEquatableArray() };
        var withoutId = model with { Objects = new[] { noId }.ToEquatableArray() };
        Assert.DoesNotContain(ModelConventions.Apply(withoutId).Waits, w => w.Kind == WaitKind.Create);
    }

    [Fact]
    public void No_wait_when_the_retrieve_returns_another_type_or_the_status_never_moves()
    {
        var thing = TypeRef.Generated(TypeKind.Object, "Thing");
        var id = Parameter("thing_id", ParameterLocation.Path, Str, required: true);
        var otherType = Model(new[] { Thing, Page }.ToEquatableArray(), new[] { ThingStatus }.ToEquatableArray(),
            Operation("GetThing", "GET", "/things/{thing_id}", TypeRef.Generated(TypeKind.Object, "ThingPage"), id),
            Operation("CancelThing", "POST", "/things/{thing_id}/cancel", thing, id));
        Assert.Empty(ModelConventions.Apply(otherType).Waits);

        var settled = ThingStatus with { Members = new[] { new EnumMemberModel("Done", "done") }.ToEquatableArray() };
        var neverMoves = Model(new[] { Thing }.ToEquatableArray(), new[] { settled }.ToEquatableArray(),
            Operation("GetThing", "GET", "/things/{thing_id}", thing, id),
            Operation("CancelThing", "POST", "/things/{thing_id}/cancel", thing, id));
        Assert.Empty(ModelConventions.Apply(neverMoves).Waits);
    }

    [Fact]
    public void An_event_stream_response_gets_a_streaming_variant_that_sets_the_body_stream_flag()
    {
        var request = new ObjectTypeModel("Ask", "#/a", null, new[] { Property("prompt", Str), Property("stream", TypeRef.Primitive(TypeKind.Boolean).WithNullable(true), required: false) }.ToEquatableArray());
        var chunk = TypeRef.Generated(TypeKind.Object, "Thing");
        var ask = Operation("Ask", "POST", "/ask", TypeRef.Generated(TypeKind.Object, "Thing")) with
        {
            Body = new RequestBodyModel("request", TypeRef.Generated(TypeKind.Object, "Ask"), true, "application/json", null),
            Response = new ResponseModel(TypeRef.Generated(TypeKind.Object, "Thing"), null, "application/json", chunk),
        };
        var plain = Operation("Plain", "GET", "/plain", Str);
        var applied = ModelConventions.Apply(Model(new[] { Thing, request }.ToEquatableArray(), new[] { ThingStatus }.ToEquatableArray(), ask, plain));
        var streaming = applied.Operations.Single(o => o.MethodName == "Ask").Streaming;
        Assert.NotNull(streaming);
        Assert.Equal("AskStreamingAsync", streaming!.MethodName);
        Assert.Equal("Stream", streaming.StreamPropertyName);
        Assert.Equal(chunk, streaming.EventType);
        Assert.Null(applied.Operations.Single(o => o.MethodName == "Plain").Streaming);
    }

    [Fact]
    public void Writer_throws_on_a_block_closed_twice_or_left_open()
    {
        var writer = new SourceWriter();
        var block = writer.OpenBlock("class C");
        Assert.Throws<InvalidOperationException>(() => writer.ToString());
        block.Dispose();
        Assert.Equal("class C\n{\n}\n", writer.ToString());
        Assert.Throws<InvalidOperationException>(() => block.Dispose());
    }

    [Fact]
    public void Writer_reindents_multi_line_text_and_keeps_blank_lines_empty()
    {
        var writer = new SourceWriter();
        using (writer.OpenBlock("class C"))
        {
            writer.WriteLine("int A;\n\nint B;");
        }

        Assert.Equal("class C\n{\n    int A;\n\n    int B;\n}\n", writer.ToString());
    }

    [Fact]
    public void An_inline_union_reached_through_two_allOf_parents_is_built_once()
    {
        const string spec = """
            openapi: 3.1.0
            info: { title: U, version: '1' }
            paths: {}
            components:
              schemas:
                Base:
                  type: object
                  properties:
                    value:
                      oneOf: [{ type: string }, { type: integer }]
                A: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: object, properties: { a: { type: string } } }] }
                B: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: object, properties: { b: { type: string } } }] }
            """;
        var outcome = GeneratorHarness.Run("u.yaml", spec);
        Assert.Empty(outcome.CompileDiagnostics);
        var unions = outcome.Sources.Where(s => s.Text.Contains("JsonUnionVariant")).Select(s => s.HintName).ToList();
        Assert.Equal(new[] { "u.BaseValue.g.cs" }, unions);
    }

    [Fact]
    public void The_spec_that_keeps_a_shared_name_does_not_depend_on_the_order_files_are_listed()
    {
        var listed = System.Collections.Immutable.ImmutableArray.Create("/b/api.yaml", "/a/API.json", "/c/other.yaml");
        Assert.Equal(new[] { "/b/api.yaml" }, Configuration.DuplicateSpecNames.LaterDuplicates(listed));
        Assert.Equal(new[] { "/b/api.yaml" }, Configuration.DuplicateSpecNames.LaterDuplicates(listed.Reverse().ToImmutableArray()));
    }
}
