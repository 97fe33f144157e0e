using System.Text.Json;
using System.Text.Json.Nodes;
using Shapes;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Generated from Specs/shapes.yaml: unions of every kind, recursion, allOf, and names C# would reject.</summary>
public sealed class UnionAndNamingTests
{
    private const string Sample = """
        {
          "pet": {"petType": "dog", "good": true},
          "shape": {"kind": "square", "side": 2.5},
          "prompt": [1, 2, 3],
          "tree": {"name": "root", "children": [{"name": "a", "children": [{"name": "a1"}]}, {"name": "b"}]},
          "boss": {"name": "Ada", "salary": 100},
          "counts": {"x": 1, "y": 2},
          "object": "owner", "event": "e", "namespace": "n", "static": "s", "class": "c", "owner": "self",
          "api_key.created": 1711471533, "api_key": "k1", "apiKey": "k2", "ApiKey": "k3", "2fa": true,
          "odd": "[DONE]", "legacy": null
        }
        """;

    [Fact]
    public void A_discriminator_with_a_mapping_picks_the_variant()
    {
        var owner = JsonSerializer.Deserialize<Owner>(Sample)!;
        Assert.True(owner.Pet.IsDog);
        Assert.True(owner.Pet.AsDog!.Good);
        Assert.Null(owner.Pet.AsCat);

        var cat = JsonSerializer.Deserialize<Pet>("""{"petType":"cat","lives":9}""")!;
        Assert.Equal(9, cat.AsCat!.Lives);
    }

    [Fact]
    public void Fixed_property_values_tell_variants_apart_without_a_discriminator()
    {
        var owner = JsonSerializer.Deserialize<Owner>(Sample)!;
        Assert.True(owner.Shape!.IsSquare);
        Assert.Equal(2.5, owner.Shape.AsSquare!.Side);
        Assert.True(JsonSerializer.Deserialize<Shape>("""{"kind":"circle","radius":1}""")!.IsCircle);
    }

    [Fact]
    public void Shape_and_trial_reads_tell_strings_and_arrays_apart()
    {
        Assert.Equal("hello", JsonSerializer.Deserialize<Prompt>("\"hello\"")!.AsString);
        Assert.Equal(new[] { "a", "b" }, JsonSerializer.Deserialize<Prompt>("""["a","b"]""")!.AsStringList);
        Assert.Equal(new long[] { 1, 2, 3 }, JsonSerializer.Deserialize<Owner>(Sample)!.Prompt!.AsInt64List);
    }

    [Fact]
    public void A_value_no_variant_accepts_is_kept_and_written_back()
    {
        var pet = JsonSerializer.Deserialize<Pet>("""{"petType":"parrot","words":["hi"]}""")!;
        Assert.True(pet.IsUnknown);
        Assert.False(pet.IsCat || pet.IsDog);
        Assert.Equal("""{"petType":"parrot","words":["hi"]}""", JsonSerializer.Serialize(pet));
    }

    [Fact]
    public void Unions_are_built_from_their_variants_and_serialize_as_them()
    {
        Pet pet = new Cat { PetType = "cat", Lives = 7 };
        Assert.Equal("""{"petType":"cat","lives":7}""", JsonSerializer.Serialize(pet));
        Prompt prompt = "text";
        Assert.Equal("\"text\"", JsonSerializer.Serialize(prompt));
        Assert.Equal("[1,2]", JsonSerializer.Serialize(new Prompt(new long[] { 1, 2 })));
        Assert.Equal(new Prompt("a"), new Prompt("a"));
    }

    [Fact]
    public void The_whole_document_round_trips()
    {
        var owner = JsonSerializer.Deserialize<Owner>(Sample)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(owner))!;
        var expected = JsonNode.Parse(Sample)!.AsObject();
        expected.Remove("legacy"); // optional and null: left out
        Assert.True(JsonNode.DeepEquals(expected, written), written.ToJsonString());
    }

    [Fact]
    public void Recursive_schemas_generate_and_read()
    {
        var tree = JsonSerializer.Deserialize<Owner>(Sample)!.Tree!;
        Assert.Equal("a1", tree.Children![0].Children![0].Name);
        Assert.Null(tree.Children[1].Children);
    }

    [Fact]
    public void AllOf_merges_properties_and_required()
    {
        var boss = JsonSerializer.Deserialize<Owner>(Sample)!.Boss!;
        Assert.Equal("Ada", boss.Name);
        Assert.Equal(100, boss.Salary);
        using var strict = JsonReadContext.Begin(strict: true);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Employee>("""{"name":"x"}"""));
    }

    [Fact]
    public void Names_csharp_would_reject_become_valid_and_keep_their_wire_names()
    {
        var owner = JsonSerializer.Deserialize<Owner>(Sample)!;
        Assert.Equal("owner", owner.Object);
        Assert.Equal("e", owner.Event);
        Assert.Equal("n", owner.Namespace);
        Assert.Equal("s", owner.Static);
        Assert.Equal("c", owner.Class);
        Assert.Equal("self", owner.OwnerValue);                 // a member may not share its type's name (CS0542)
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1711471533), owner.ApiKeyCreated);
        Assert.Equal("k1", owner.ApiKey);                       // api_key
        Assert.Equal("k2", owner.ApiKey2);                      // apiKey: same C# name, numbered in spec order
        Assert.Equal("k3", owner.ApiKey3);                      // ApiKey
        Assert.True(owner._2fa);
        Assert.Null(owner.Legacy);                              // 3.0-style nullable: true
    }

    [Fact]
    public void Enum_values_that_are_not_identifiers_get_names_and_keep_their_values()
    {
        Assert.Equal("/v1/chat/completions", Odd.V1ChatCompletions.ToString());
        Assert.Equal("[DONE]", Odd.Done.ToString());
        Assert.Equal("audio/pcm", Odd.AudioPcm.ToString());
        Assert.Equal("babbage-002", Odd.Babbage002.ToString());
        Assert.Equal(string.Empty, Odd.Empty.ToString());
        Assert.Equal("Odd", Odd.OddValue.ToString());
        Assert.Equal("24h", Odd._24h.ToString());
        Assert.Equal(Odd.Done, JsonSerializer.Deserialize<Owner>(Sample)!.Odd);
    }

    [Fact]
    public void A_union_variant_that_fails_to_read_reports_the_path()
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Owner>(Sample.Replace("\"good\": true", "\"good\": \"very\"")));
        Assert.Contains("$.pet.good", ex.Message);
    }
}
