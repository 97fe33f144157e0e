using System.Text.Json;
using System.Text.Json.Nodes;
using BatchGen.Generator.Configuration;
using BatchGen.Generator.Emit;
using BatchGen.Generator.Modeling;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace BatchGen.Benchmarks;

/// <summary>
/// Cost against size: the real spec's schemas copied 1×, 4× and 16× (each copy renamed, its
/// <c>$ref</c>s pointing within the copy), read and modeled and emitted. Linear growth shows as a
/// constant time per schema.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ScalingBenchmarks
{
    [Params(1, 4, 16)]
    public int Copies { get; set; }

    private SpecInput _input = null!;

    public int Schemas { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var real = (JsonObject)Generator.Loading.YamlJsonReader.Read(File.ReadAllText(Paths.RealSpec), CancellationToken.None, out _)!;
        var schemas = (JsonObject)real["components"]!["schemas"]!;
        var scaled = new JsonObject();
        var originals = schemas.Select(p => (p.Key, Json: p.Value!.ToJsonString())).ToList();
        for (var copy = 0; copy < Copies; copy++)
        {
            var suffix = copy == 0 ? string.Empty : "Copy" + copy;
            foreach (var (name, json) in originals)
            {
                var renamed = copy == 0 ? json : json.Replace("\"#/components/schemas/", "\"#/components/schemas/" + suffix);
                scaled[suffix + name] = JsonNode.Parse(renamed);
            }
        }

        Schemas = scaled.Count;
        var document = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Scaled", ["version"] = "1" },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = scaled },
        };
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        _input = new SpecInput($"/bench/scaled-{Copies}.json", text, new SpecOptions("Bench.Scaled", null, null, true));
    }

    [Benchmark(Description = "load + model + emit")]
    public int Generate()
    {
        var result = ModelStage.Run(_input, CancellationToken.None);
        return ClientEmitter.Emit(result.Model!).Count;
    }
}
