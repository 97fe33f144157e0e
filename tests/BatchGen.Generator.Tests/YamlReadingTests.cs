using System.Text.Json.Nodes;
using BatchGen.Generator.Loading;
using Xunit;

namespace BatchGen.Generator.Tests;

/// <summary>YAML → JSON node conversion: the YAML 1.2 core schema, anchors, merges and the block-scalar repair.</summary>
public sealed class YamlReadingTests
{
    private static JsonNode Read(string yaml)
    {
        var node = YamlJsonReader.Read(yaml, CancellationToken.None, out var error);
        Assert.Null(error);
        return node!;
    }

    [Theory]
    [InlineData("a: 1\nb: *nowhere\n", "The alias '*nowhere' refers to no anchor defined before it", 1, 3)]
    [InlineData("a: &k {x: 1}\n*k : 2\n", "The alias '*k' cannot be used as a mapping key", 1, 0)]
    [InlineData("a: 1\n? {x: 1}\n: 2\n", "A mapping cannot be used as a mapping key; OpenAPI keys are strings", 1, 2)]
    [InlineData("a: 1\n? [x]\n: 2\n", "A sequence cannot be used as a mapping key; OpenAPI keys are strings", 1, 2)]
    [InlineData("a: 1\n---\nb: 2\n", "The file holds more than one YAML document; an OpenAPI spec is one document", 1, 0)]
    [InlineData("a: 1\nb: 2\na: 3\n", "Duplicate key 'a' in a mapping; YAML requires keys to be unique", 2, 0)]
    public void What_json_cannot_hold_is_refused_at_its_position(string yaml, string message, int line, int column)
    {
        var node = YamlJsonReader.Read(yaml, CancellationToken.None, out var error);

        Assert.Null(node);
        Assert.NotNull(error);
        Assert.StartsWith(message, error!.Message);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void A_scalar_alias_may_be_a_key_and_merges_take_lists_of_mappings()
    {
        var node = Read("name: &n title\n*n : kept\nx: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: [*x, *y]\n  a: 9\n");

        Assert.Equal("kept", node["title"]!.GetValue<string>());
        Assert.Equal(9, node["z"]!["a"]!.GetValue<long>());
        Assert.Equal(2, node["z"]!["b"]!.GetValue<long>());
    }

    [Fact]
    public void Scalars_follow_the_yaml_1_2_core_schema()
    {
        var node = Read("a: yes\nb: 2024-10-01\nc: 1.0\nd: 42\ne: true\nf: ~\ng: '42'\nh: 0x1F\ni: .5\nj: on\n");
        Assert.Equal("yes", node["a"]!.GetValue<string>());
        Assert.Equal("2024-10-01", node["b"]!.GetValue<string>());
        Assert.Equal("1.0", node["c"]!.ToJsonString());
        Assert.Equal(42, node["d"]!.GetValue<long>());
        Assert.True(node["e"]!.GetValue<bool>());
        Assert.Null(node["f"]);
        Assert.Equal("42", node["g"]!.GetValue<string>());
        Assert.Equal(31, node["h"]!.GetValue<long>());
        Assert.Equal("0.5", node["i"]!.ToJsonString());
        Assert.Equal("on", node["j"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "null")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("nULL", "\"nULL\"")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("tRUE", "\"tRUE\"")]
    [InlineData("false", "false")]
    [InlineData("False", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("! true", "\"true\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("! 42", "\"42\"")]
    [InlineData("-42", "-42")]
    [InlineData("+42", "42")]
    [InlineData("007", "7")]
    [InlineData("-007", "-7")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("-0123456789012345678901234567890", "-123456789012345678901234567890")]
    [InlineData("0o17", "15")]
    [InlineData("0x1f", "31")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("0o", "\"0o\"")]
    [InlineData("0o9", "\"0o9\"")]
    [InlineData("0xfffffffffffffffff", "\"0xfffffffffffffffff\"")]
    [InlineData("0b101", "\"0b101\"")]
    [InlineData("+1.5", "1.5")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1.", "1.0")]
    [InlineData("-1.", "-1.0")]
    [InlineData("1.e3", "1.0e3")]
    [InlineData("1.E3", "1.0E3")]
    [InlineData("2.5e-3", "2.5e-3")]
    [InlineData("007.5", "7.5")]
    [InlineData("-00.5", "-0.5")]
    [InlineData("00e3", "0e3")]
    [InlineData("0.0", "0.0")]
    [InlineData("-0", "0")]
    public void Every_core_schema_spelling_becomes_its_json_value(string yaml, string json)
        => Assert.Equal("{\"a\":" + json + "}", Read("a: " + yaml + "\n").ToJsonString());

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        var node = Read("base: &b\n  type: string\n  description: shared\nuse: *b\nmerged:\n  <<: *b\n  description: own\n");
        Assert.Equal("string", node["use"]!["type"]!.GetValue<string>());
        Assert.Equal("string", node["merged"]!["type"]!.GetValue<string>());
        Assert.Equal("own", node["merged"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void A_block_scalar_of_only_whitespace_lines_reads_like_libyaml()
    {
        // YamlDotNet #523: valid YAML 1.2, as in the complete OpenAI spec.
        var node = Read("a:\n  example: |+\n    \n  nullable: true\n");
        Assert.Equal("\n", node["a"]!["example"]!.GetValue<string>());
        Assert.True(node["a"]!["nullable"]!.GetValue<bool>());
    }

    [Fact]
    public void A_block_scalar_with_content_is_left_alone()
    {
        var node = Read("a: |\n  first\n\n  second\nb: 1\n");
        Assert.Equal("first\n\nsecond\n", node["a"]!.GetValue<string>());
    }

    [Fact]
    public void Leading_lines_with_more_spaces_than_the_content_stay_invalid()
    {
        // yaml-test-suite W9L4
        YamlJsonReader.Read("---\nblock scalar: |\n     \n  more spaces at the beginning\n  are invalid\n", CancellationToken.None, out var error);
        Assert.NotNull(error);
        Assert.Equal(3, error!.Position.Line); // YamlDotNet points at the first content line
    }

    [Fact]
    public void The_repair_keeps_line_numbers()
    {
        var repaired = BlockScalarRepair.Apply("a:\n  example: |+\n      \n  b: 1\n");
        Assert.Equal(4, repaired.Split('\n').Length - 1);
        Assert.Equal("a:\n  example: |+\n\n  b: 1\n", repaired);
    }

    [Fact]
    public void Deep_nesting_does_not_overflow()
    {
        var yaml = string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i * 2) + "k:\n")) + new string(' ', 600) + "v: 1\n";
        var node = Read(yaml);
        Assert.NotNull(node["k"]);
    }

    [Fact]
    public void Positions_are_found_for_json_pointers()
    {
        var yaml = "openapi: 3.1.0\npaths:\n  /batches/{id}:\n    get:\n      responses: {}\n";
        var positions = SpecPositionFinder.Find(yaml, new[] { "#/paths/~1batches~1{id}/get/responses", "#/paths/~1nope" }, CancellationToken.None);
        Assert.Equal(4, positions["#/paths/~1batches~1{id}/get/responses"].Line);
        Assert.Equal(6, positions["#/paths/~1batches~1{id}/get/responses"].Column);
        Assert.Equal(1, positions["#/paths/~1nope"].Line); // falls back to the deepest node found: "paths"
    }
}
