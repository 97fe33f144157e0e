using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// The netstandard2.0 build of the runtime (what .NET Framework and older apps get from the
/// package) loaded on its own and called: its own TimeProvider polyfill, its own code paths under
/// <c>#if !NET8_0_OR_GREATER</c>.
/// </summary>
public sealed class NetStandardRuntimeTests
{
    private static string Metadata(string key)
        => typeof(NetStandardRuntimeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Loads the netstandard2.0 runtime; its package dependencies come from their netstandard2.0 builds, the BCL from this process.</summary>
    private sealed class NetStandardContext : AssemblyLoadContext
    {
        private static readonly Dictionary<string, string> s_packages = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Microsoft.Bcl.TimeProvider"] = "microsoft.bcl.timeprovider",
            ["Microsoft.Bcl.AsyncInterfaces"] = "microsoft.bcl.asyncinterfaces",
        };

        public NetStandardContext()
            : base("BatchGen.Runtime netstandard2.0", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is { } simple && s_packages.TryGetValue(simple, out var package))
            {
                var folder = Path.Combine(Metadata("NuGetPackageRoot"), package);
                var dll = Directory.GetDirectories(folder)
                    .Where(d => Version.TryParse(Path.GetFileName(d), out _))
                    .OrderByDescending(d => Version.Parse(Path.GetFileName(d)))
                    .Select(version => Path.Combine(version, "lib", "netstandard2.0", simple + ".dll"))
                    .First(File.Exists);
                return LoadFromAssemblyPath(dll);
            }

            return null; // the BCL and System.Text.Json of this process
        }
    }

    [Fact]
    public async Task The_netstandard2_0_runtime_loads_and_builds_requests_and_polls_on_its_own_clock()
    {
        var path = Metadata("NetStandardRuntime");
        Assert.True(File.Exists(path), $"The netstandard2.0 runtime was not built at {path}.");
        var context = new NetStandardContext();
        try
        {
            var runtime = context.LoadFromAssemblyPath(path);
            Assert.Contains(runtime.GetCustomAttributes<System.Runtime.Versioning.TargetFrameworkAttribute>(), a => a.FrameworkName.StartsWith(".NETStandard,Version=v2.0", StringComparison.Ordinal));

            // A request as generated code builds it: escaping, query, the base address's path.
            var requestType = runtime.GetType("BatchGen.ApiRequest", throwOnError: true)!;
            dynamic request = Activator.CreateInstance(requestType, "GET", "getThing")!;
            request.AppendPath("/things/");
            request.AppendPathParameter("id", "a/b c");
            request.AddQuery("q", "x&y");
            Uri uri = request.BuildUri(new Uri("https://api.example.com/v1"));
            Assert.Equal("https://api.example.com/v1/things/a%2Fb%20c?q=x%26y", uri.AbsoluteUri);

            // Polling, which on netstandard2.0 runs on the Microsoft.Bcl.TimeProvider polyfill.
            var polling = runtime.GetType("BatchGen.Polling", throwOnError: true)!;
            var whileAsync = polling.GetMethod("WhileAsync")!.MakeGenericMethod(typeof(int));
            var optionsType = runtime.GetType("BatchGen.PollingOptions", throwOnError: true)!;
            dynamic options = Activator.CreateInstance(optionsType)!;
            options.InitialDelay = TimeSpan.FromMilliseconds(1);
            var polls = 0;
            var task = (Task<int>)whileAsync.Invoke(null, new object?[]
            {
                0,
                new Func<int, bool>(value => value < 3),
                new Func<CancellationToken, Task<int>>(_ => Task.FromResult(++polls)),
                null,
                options,
                CancellationToken.None,
                null,
            })!;
            Assert.Equal(3, await task.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(3, polls);
        }
        finally
        {
            context.Unload();
        }
    }
}
