using System.Text.Json;
using Shapes;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary><c>allOf: [{$ref: X}, {nullable: true}]</c> is X, nullable: no new type, and X's values read as X.</summary>
public sealed class AnnotatedReferenceTests
{
    [Fact]
    public void An_annotated_reference_is_the_referenced_type_of_every_kind()
    {
        Assert.Equal(typeof(ToolChoice), typeof(Run).GetProperty(nameof(Run.ToolChoice))!.PropertyType);
        Assert.Equal(typeof(RunStatus), typeof(Run).GetProperty(nameof(Run.Status))!.PropertyType);
        Assert.Equal(typeof(Limits), typeof(Run).GetProperty(nameof(Run.Limits))!.PropertyType);
        Assert.Equal(typeof(string), typeof(Run).GetProperty(nameof(Run.Label))!.PropertyType);
        Assert.Null(typeof(Run).Assembly.GetType("Shapes.RunToolChoice"));
        Assert.Null(typeof(Run).Assembly.GetType("Shapes.RunLimits"));
    }

    [Fact]
    public void A_string_variant_of_a_nullable_union_reference_reads()
    {
        var run = JsonSerializer.Deserialize<Run>("""{"tool_choice": "auto", "status": "queued"}""")!;
        Assert.True(run.ToolChoice!.IsToolChoiceVariant1);
        Assert.Equal("auto", run.ToolChoice.AsToolChoiceVariant1!.Value.ToString());
        Assert.Equal(RunStatus.Queued, run.Status);
    }

    [Fact]
    public void Null_reads_as_null_where_the_annotation_says_nullable()
    {
        var run = JsonSerializer.Deserialize<Run>("""{"tool_choice": null, "status": "completed", "limits": null}""")!;
        Assert.Null(run.ToolChoice);
        Assert.Null(run.Limits);
        Assert.Equal("""{"tool_choice":null,"status":"completed"}""", JsonSerializer.Serialize(run));
    }
}
