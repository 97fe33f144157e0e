using BatchGen.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI.Batches;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>AddBatchGenClient: the client and its operation interfaces from DI, over IHttpClientFactory, logging to ILogger.</summary>
public sealed class DependencyInjectionTests : ClientTestBase
{
    private sealed class ListLoggerFactory : ILoggerFactory, ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = new();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    [Fact]
    public async Task Operation_interfaces_resolve_to_the_client_and_log_through_ilogger()
    {
        var loggers = new ListLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(loggers);
        services.AddBatchGenClient<OpenAIClient>(o =>
        {
            o.ApiKey = Server.ApiKey;
            o.BaseAddress = Server.BaseAddress;
        });
        await using var provider = services.BuildServiceProvider();

        var cancel = provider.GetRequiredService<ICancelBatch>();
        Assert.IsType<OpenAIClient>(cancel);
        Assert.IsType<OpenAIClient>(provider.GetRequiredService<IListBatches>());
        Assert.IsType<OpenAIClient>(provider.GetRequiredService<IBatchClient>());
        Assert.IsType<OpenAIClient>(provider.GetRequiredService<IFilesClient>());

        var id = Server.Seed();
        Server.Inject(Fault.Error(500, "boom", headers: new Dictionary<string, string> { ["retry-after-ms"] = "5" }));
        var batch = await cancel.CancelBatchAsync(id);

        Assert.Equal(BatchStatus.Cancelling, batch.Status);
        Assert.Contains(loggers.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("cancelBatch attempt 1 failed", StringComparison.Ordinal));
    }
}
