using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>How <see cref="Polling"/> waits: a growing delay between polls, bounded by a timeout.</summary>
public sealed class PollingOptions
{
    /// <summary>The delay before the first poll. Default 1 second.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between polls. Default 10 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much the delay grows after each poll. Default 1.5.</summary>
    public double Multiplier { get; set; } = 1.5;

    /// <summary>How long to wait in all. Default 15 minutes (a batch may stay cancelling for up to 10); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits as long as it takes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock the delays and the timeout run on; null: the client's (<see cref="ClientOptions.TimeProvider"/>), the system's by default.</summary>
    public TimeProvider? TimeProvider { get; set; }
}

/// <summary>Polls a resource until it settles; used by generated <c>…AndWaitAsync</c> methods.</summary>
public static class Polling
{
    /// <summary>
    /// Reports <paramref name="initial"/>, then polls with backoff while <paramref name="isTransitional"/>
    /// holds, reporting each result; returns the first settled one.
    /// </summary>
    /// <exception cref="ApiTimeoutException">Still transitional after <see cref="PollingOptions.Timeout"/>.</exception>
    public static async Task<T> WhileAsync<T>(
        T initial,
        Func<T, bool> isTransitional,
        Func<CancellationToken, Task<T>> poll,
        IProgress<T>? progress,
        PollingOptions? options,
        CancellationToken cancellationToken,
        TimeProvider? clientClock = null)
    {
        if (isTransitional is null)
        {
            throw new ArgumentNullException(nameof(isTransitional));
        }

        if (poll is null)
        {
            throw new ArgumentNullException(nameof(poll));
        }

        options ??= new PollingOptions();
        var clock = options.TimeProvider ?? clientClock ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var current = initial;
        progress?.Report(current);
        var delay = options.InitialDelay;
        var forever = options.Timeout == System.Threading.Timeout.InfiniteTimeSpan;
        while (isTransitional(current))
        {
            var remaining = forever ? delay : options.Timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new ApiTimeoutException($"Still waiting after {options.Timeout} (PollingOptions.Timeout); the last state was {current}.", null);
            }

            await Clock.DelayAsync(clock, delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            current = await poll(cancellationToken).ConfigureAwait(false);
            progress?.Report(current);
            delay = TimeSpan.FromTicks(Math.Min(options.MaxDelay.Ticks, (long)(delay.Ticks * Math.Max(1.0, options.Multiplier))));
        }

        return current;
    }
}
