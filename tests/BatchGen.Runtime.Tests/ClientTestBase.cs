using BatchGen.Testing;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>A fresh fake server per test, and clients pointed at it.</summary>
public abstract class ClientTestBase : IAsyncLifetime
{
    protected FakeBatchServer Server { get; private set; } = null!;

    protected virtual FakeBatchServerOptions ServerOptions => new();

    public async Task InitializeAsync() => Server = await FakeBatchServer.StartAsync(ServerOptions);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected OpenAIClient NewClient(Action<ClientOptions>? configure = null)
    {
        var options = new ClientOptions { ApiKey = Server.ApiKey, BaseAddress = Server.BaseAddress };
        configure?.Invoke(options);
        return new OpenAIClient(options);
    }

    /// <summary>Requests the server saw for one method and path suffix.</summary>
    protected int CountRequests(string method, string pathSuffix)
        => Server.Requests.Count(r => r.Method == method && r.RawTarget.Split('?')[0].EndsWith(pathSuffix, StringComparison.Ordinal));

    protected static Fault Fast(int status, string? code = null, IReadOnlyDictionary<string, string>? headers = null, int times = 1, string message = "Injected failure.")
    {
        var all = new Dictionary<string, string> { ["retry-after-ms"] = "0" }; // retried at once: no test waits on a real clock
        foreach (var pair in headers ?? new Dictionary<string, string>())
        {
            all[pair.Key] = pair.Value;
        }

        return Fault.Error(status, message, code: code, headers: all, times: times);
    }
}
