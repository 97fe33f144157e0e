using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace BatchGen.Package.Tests;

/// <summary>
/// BatchGen as users get it: pack the repository to a local folder, restore it into a fresh
/// project made from ConsumerTemplate, build warning-free, run a cancel round trip against the
/// fake server, then edit the spec and rebuild. Project references in our other tests would hide
/// packaging bugs (a missing analyzer dependency, props not imported).
/// </summary>
public sealed class PackedConsumerTests : IDisposable
{
    private static readonly string s_repository = Path.GetFullPath(typeof(PackedConsumerTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!);

    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "batchgen-package-" + Guid.NewGuid().ToString("N")[..8]);

    public PackedConsumerTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void The_package_builds_a_fresh_consumer_that_regenerates_on_spec_edits()
    {
        // A version that exists only in the local folder, so restore must take the package from there.
        var version = "0.1.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        var feed = Path.Combine(_work, "feed");
        var source = CopyRepository(Path.Combine(_work, "source"));
        Dotnet(source, $"pack src/Runtime/BatchGen.Runtime.csproj -c Release -o \"{feed}\" -p:Version={version}");
        Dotnet(source, $"pack src/FakeServer/BatchGen.FakeServer.csproj -c Release -o \"{feed}\" -p:Version={version}");

        AssertPackageLayout(Path.Combine(feed, $"BatchGen.{version}.nupkg"));

        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(Path.Combine(consumer, "specs"));
        var template = Path.Combine(s_repository, "tests", "BatchGen.Package.Tests", "ConsumerTemplate");
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), File.ReadAllText(Path.Combine(template, "Consumer.csproj")).Replace("$BATCHGEN_VERSION$", version));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.Copy(Path.Combine(s_repository, "specs", "openai.yaml"), Path.Combine(consumer, "specs", "openai.yaml"));
        // The machine's own sources stay configured (for the framework's packages); the local folder is added.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="batchgen-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        var build = Dotnet(consumer, "build -c Release");
        Assert.Contains("0 Warning(s)", build);
        var run = Dotnet(consumer, "run -c Release --no-build");
        Assert.Contains("cancel round trip: batch_000001 cancelling", run);
        Assert.Contains("final: cancelled", run);

        // Edit the spec the way a user would, add code that uses the new property, rebuild.
        var specPath = Path.Combine(consumer, "specs", "openai.yaml");
        var spec = File.ReadAllText(specPath);
        var edited = spec.Replace("        request_counts:\n          $ref:", "        priority_tier:\n          type: string\n          description: The scheduling tier.\n        request_counts:\n          $ref:");
        Assert.NotEqual(spec, edited);
        File.WriteAllText(specPath, edited);
        File.Copy(Path.Combine(template, "Evolution.cs"), Path.Combine(consumer, "Evolution.cs"));

        var rebuild = Dotnet(consumer, "build -c Release");
        Assert.Contains("0 Warning(s)", rebuild);

        // The same spec compiled into an assembly of its own (BatchGenAssembly): the app runs as
        // before, its own assembly holds none of the generated types, a C# edit leaves the spec's
        // assembly as it was, and a spec edit rebuilds it.
        var project = Path.Combine(consumer, "Consumer.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<AdditionalFiles Include=\"specs/openai.yaml\" />",
            "<AdditionalFiles Include=\"specs/openai.yaml\" BatchGenAssembly=\"Consumer.OpenAI\" />"));
        Assert.Contains("0 Warning(s)", Dotnet(consumer, "build -c Release"));
        var output = Path.Combine(consumer, "bin", "Release", "net10.0");
        Assert.Contains("final: cancelled", Dotnet(consumer, "run -c Release --no-build"));
        Assert.Contains("Batch", TypeNames(Path.Combine(output, "Consumer.OpenAI.dll")));
        Assert.DoesNotContain("Batch", TypeNames(Path.Combine(output, "Consumer.dll")));
        Assert.Contains("Consumer.OpenAI.dll", File.ReadAllText(Path.Combine(output, "Consumer.deps.json")));

        var specAssembly = Path.Combine(consumer, "obj", "Release", "net10.0", "batchgen", "Consumer.OpenAI.dll");
        var compiled = File.GetLastWriteTimeUtc(specAssembly);
        File.AppendAllText(Path.Combine(consumer, "Program.cs"), "\n// a C# edit\n");
        Assert.Contains("0 Warning(s)", Dotnet(consumer, "build -c Release"));
        Assert.Equal(compiled, File.GetLastWriteTimeUtc(specAssembly));
        Assert.Contains("final: cancelled", Dotnet(consumer, "run -c Release --no-build"));

        File.WriteAllText(specPath, edited.Replace("The scheduling tier.", "The scheduling tier, edited."));
        Assert.Contains("0 Warning(s)", Dotnet(consumer, "build -c Release"));
        Assert.NotEqual(compiled, File.GetLastWriteTimeUtc(specAssembly));

        Dotnet(consumer, "clean -c Release");
        Assert.False(File.Exists(specAssembly), "dotnet clean left the spec's assembly behind");

        // An assembly name that would overwrite the project's own is refused before anything compiles.
        File.WriteAllText(project, File.ReadAllText(project).Replace("BatchGenAssembly=\"Consumer.OpenAI\"", "BatchGenAssembly=\"Consumer\""));
        var refused = Dotnet(consumer, "build -c Release", expectSuccess: false);
        Assert.Contains("error BG0014: BatchGenAssembly=\"Consumer\" is the project's own assembly name", refused);
    }

    private static HashSet<string> TypeNames(string assembly)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).ToHashSet();
    }

    private static void AssertPackageLayout(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
        {
            "analyzers/dotnet/cs/BatchGen.Generator.dll",
            "analyzers/dotnet/cs/Microsoft.OpenApi.dll",
            "analyzers/dotnet/cs/YamlDotNet.dll",
            "analyzers/dotnet/cs/System.Text.Json.dll",
            "lib/net8.0/BatchGen.Runtime.dll",
            "lib/netstandard2.0/BatchGen.Runtime.dll",
            "buildTransitive/BatchGen.props",
            "build/BatchGen.props",
            "buildTransitive/BatchGen.targets",
            "build/BatchGen.targets",
            "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
    }

    /// <summary>A copy of what packing needs, so packing never races the solution build over bin/ and obj/.</summary>
    private static string CopyRepository(string target)
    {
        foreach (var file in new[] { "Directory.Build.props", "README.md" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(s_repository, file), Path.Combine(target, file));
        }

        foreach (var folder in new[] { "src", "specs" })
        {
            CopyTree(Path.Combine(s_repository, folder), Path.Combine(target, folder));
        }

        return target;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(directory, Path.Combine(to, name));
            }
        }
    }

    private string Dotnet(string workingDirectory, string arguments, bool expectSuccess = true)
    {
        var start = new ProcessStartInfo("dotnet", arguments + " -nodeReuse:false -p:UseSharedCompilation=false")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (arguments.StartsWith("run", StringComparison.Ordinal))
        {
            start.Arguments = arguments;
        }

        // Run as a fresh shell would: nothing inherited from the test host's own MSBuild.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment.Remove("OPENAI_BASE_URL");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {arguments} did not finish in 5 minutes.");
        }

        var text = stdout.Result + stderr.Result;
        _output.WriteLine($"$ dotnet {arguments}\n{text}");
        Assert.True((process.ExitCode == 0) == expectSuccess, $"dotnet {arguments} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
