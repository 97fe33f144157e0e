using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// Waiting and timing out on a <see cref="TimeProvider"/>, one way on every target: .NET 8 has it
/// built in, netstandard2.0 has it from Microsoft.Bcl.TimeProvider under other names.
/// </summary>
internal static class Clock
{
    public static Task DelayAsync(TimeProvider clock, TimeSpan delay, CancellationToken cancellationToken)
#if NET8_0_OR_GREATER
        => Task.Delay(delay, clock, cancellationToken);
#else
        => clock.Delay(delay, cancellationToken);
#endif

    /// <summary>A source cancelled once <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public static CancellationTokenSource TimeoutSource(TimeProvider clock, TimeSpan timeout)
#if NET8_0_OR_GREATER
        => new(timeout, clock);
#else
        => clock.CreateCancellationTokenSource(timeout);
#endif
}
