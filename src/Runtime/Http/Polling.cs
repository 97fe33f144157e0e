using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>How <see cref="Polling"/> waits: a growing delay between polls, bounded by a timeout.</summary>
public sealed class PollingOptions
{
    private TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(10);
    private double _multiplier = 1.5;
    private TimeSpan _timeout = TimeSpan.FromMinutes(15);

    /// <summary>The delay before the first poll, zero or more. Default 1 second.</summary>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        set => _initialDelay = value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "PollingOptions.InitialDelay must be zero or more.") : value;
    }

    /// <summary>The longest delay between polls, zero or more. Default 10 seconds.</summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "PollingOptions.MaxDelay must be zero or more.") : value;
    }

    /// <summary>How much the delay grows after each poll, 1 (no growth) or more. Default 1.5.</summary>
    public double Multiplier
    {
        get => _multiplier;
        // Written so NaN fails too.
        set => _multiplier = !(value >= 1.0) || double.IsInfinity(value) ? throw new ArgumentOutOfRangeException(nameof(value), value, "PollingOptions.Multiplier must be a finite number of 1 or more.") : value;
    }

    /// <summary>How long to wait in all. Default 15 minutes (a batch may stay cancelling for up to 10); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits as long as it takes.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set => _timeout = value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "PollingOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan).")
            : value;
    }

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
            var wait = delay;
            if (!forever)
            {
                var remaining = options.Timeout - clock.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new ApiTimeoutException($"Still waiting after {options.Timeout} (PollingOptions.Timeout); the last state was {current}.", null);
                }

                wait = delay < remaining ? delay : remaining;
            }

            await Clock.DelayAsync(clock, wait, cancellationToken).ConfigureAwait(false);
            current = await poll(cancellationToken).ConfigureAwait(false);
            progress?.Report(current);
            // In double, so a large multiplier caps at MaxDelay instead of overflowing.
            delay = TimeSpan.FromTicks((long)Math.Min(options.MaxDelay.Ticks, delay.Ticks * options.Multiplier));
        }

        return current;
    }
}
