using Microsoft.Extensions.DependencyInjection;
using BatchGen.Testing;
using Microsoft.Extensions.Logging;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// What the pipeline logs, through a Microsoft.Extensions.Logging <see cref="ILogger"/> and the
/// <see cref="LoggerApiLogger"/> adapter, against the fake server: exact lines at each level,
/// nothing below the logger's level, nothing formatted for a level no one wants.
/// </summary>
public sealed class PipelineLogTests : ClientTestBase
{
    private sealed class RecordingLogger : ILogger
    {
        private readonly LogLevel _minimum;

        public RecordingLogger(LogLevel minimum) => _minimum = minimum;

        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public int EnabledChecks { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            EnabledChecks++;
            return logLevel >= _minimum;
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Assert.True(IsEnabled(logLevel), $"{logLevel} was logged though not enabled");
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }

    private (RecordingLogger Logger, OpenAI.Batches.OpenAIClient Client) NewLoggedClient(LogLevel minimum, int maxRetries = 2)
    {
        var logger = new RecordingLogger(minimum);
        return (logger, NewClient(o => { o.Logger = new LoggerApiLogger(logger); o.MaxRetries = maxRetries; }));
    }

    [Fact]
    public async Task Debug_shows_each_attempt_with_method_and_path()
    {
        var (logger, client) = NewLoggedClient(LogLevel.Debug);
        using var _ = client;
        Server.Inject(Fast(500));

        await client.ListBatchesAsync();

        var debug = logger.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Equal(new[] { "listBatches: GET /v1/batches (attempt 1)", "listBatches: GET /v1/batches (attempt 2)" }, debug);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("listBatches attempt 1 failed (HTTP 500); retrying in 0 ms", warning.Message);
        Assert.Null(warning.Exception); // the status says it all
    }

    [Fact]
    public async Task Warning_level_leaves_out_the_attempts()
    {
        var (logger, client) = NewLoggedClient(LogLevel.Warning);
        using var _ = client;
        Server.Inject(Fast(500));

        await client.ListBatchesAsync();

        Assert.DoesNotContain(logger.Entries, e => e.Level < LogLevel.Warning);
        Assert.Single(logger.Entries);
    }

    [Fact]
    public async Task The_final_failure_is_an_error_naming_the_status_and_the_attempts()
    {
        var (logger, client) = NewLoggedClient(LogLevel.Error, maxRetries: 1);
        using var _ = client;
        Server.Inject(Fast(503, times: 2, message: "Overloaded."));

        await Assert.ThrowsAsync<InternalServerException>(() => client.ListBatchesAsync());

        var error = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal("listBatches failed with HTTP 503 after 2 attempt(s): Overloaded.", error.Message);
    }

    [Fact]
    public async Task A_connection_failure_is_logged_with_its_exception()
    {
        var logger = new RecordingLogger(LogLevel.Warning);
        var clock = TestTime.NewClock();
        var address = RefusedPort.BaseAddress();
        using var client = new OpenAI.Batches.OpenAIClient(new ClientOptions { ApiKey = "sk-test", BaseAddress = address, MaxRetries = 1, Logger = new LoggerApiLogger(logger), TimeProvider = clock });

        var failure = await Assert.ThrowsAsync<ApiConnectionException>(() => clock.Drive(client.ListBatchesAsync()));

        Assert.Equal(2, logger.Entries.Count);
        var warning = logger.Entries[0];
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("listBatches attempt 1 failed (HttpRequestException: ", warning.Message);
        Assert.IsType<HttpRequestException>(warning.Exception);
        var error = logger.Entries[1];
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal(failure.Message, error.Message);
        Assert.StartsWith($"listBatches could not reach {address}batches after 2 attempt(s): ", error.Message);
        Assert.IsType<HttpRequestException>(error.Exception);
    }

    [Fact]
    public async Task Nothing_is_formatted_when_no_level_is_wanted()
    {
        var (logger, client) = NewLoggedClient(LogLevel.None);
        using var _ = client;
        Server.Inject(Fast(500));

        await client.ListBatchesAsync();

        Assert.Empty(logger.Entries);
        Assert.True(logger.EnabledChecks > 0);
    }
}
