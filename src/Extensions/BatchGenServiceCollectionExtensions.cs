using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using BatchGen;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers generated BatchGen clients with dependency injection and IHttpClientFactory.</summary>
public static class BatchGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (a generated client) as a typed HttpClient client,
    /// and each operation interface it implements (<c>ICancelBatch</c>…) as resolving to it.
    /// Retries, timeout and logging follow <see cref="ClientOptions"/>; when no logger is set, the
    /// container's <see cref="ILoggerFactory"/> is used.
    /// </summary>
    public static IHttpClientBuilder AddBatchGenClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] TClient>(
        this IServiceCollection services,
        Action<ClientOptions>? configure = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);

        var builder = services.AddHttpClient(typeof(TClient).FullName ?? typeof(TClient).Name);
        builder.AddTypedClient<TClient>((httpClient, provider) =>
        {
            var options = new ClientOptions();
            configure?.Invoke(options);
            if (options.Logger is null && provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                options.Logger = new LoggerApiLogger(loggerFactory.CreateLogger(typeof(TClient).FullName ?? typeof(TClient).Name));
            }

            return ActivatorUtilities.CreateInstance<TClient>(provider, httpClient, options);
        });

        // ClientOptions.Timeout bounds the whole call, retries included; HttpClient's 100-second default must not cut it short.
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        // The client follows redirects itself so credentials go only to its own origin; a handler
        // that followed them would carry API-key headers to wherever the redirect points.
        builder.ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false });

        foreach (var operation in typeof(TClient).GetInterfaces())
        {
            if (operation != typeof(IDisposable) && operation.Namespace == typeof(TClient).Namespace)
            {
                services.AddTransient(operation, provider => provider.GetRequiredService<TClient>());
            }
        }

        return builder;
    }
}

/// <summary>Forwards BatchGen's retry and failure messages to an <see cref="ILogger"/>.</summary>
public sealed class LoggerApiLogger : IApiLogger
{
    private readonly ILogger _logger;

    /// <summary>Wraps <paramref name="logger"/>.</summary>
    public LoggerApiLogger(ILogger logger) => _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc/>
    public bool IsEnabled(ApiLogLevel level) => _logger.IsEnabled(Map(level));

    /// <inheritdoc/>
    public void Log(ApiLogLevel level, string message, Exception? exception)
        => _logger.Log(Map(level), default, message, exception, static (text, _) => text);

    private static LogLevel Map(ApiLogLevel level) => level switch
    {
        ApiLogLevel.Debug => LogLevel.Debug,
        ApiLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
