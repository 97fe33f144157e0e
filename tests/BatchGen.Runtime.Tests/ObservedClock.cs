using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// A fake clock that tells the test which timers the code under test starts. A test then moves
/// time only once the client is really waiting, and reads the wait it chose exactly, instead of
/// stepping the clock while requests are in flight (which would make fake times depend on how
/// loaded the machine is).
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly FakeTimeProvider _inner = TestTime.NewClock();
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _inner.CreateTimer(callback, state, dueTime, period);
        _started.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _inner.Advance(by);

    /// <summary>
    /// The due time of the next timer of five minutes or less (a backoff, not the ten-minute
    /// whole-call timeout). The real-time limit only guards against a hang.
    /// </summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var due = await _started.Reader.ReadAsync(guard.Token);
            if (due >= TimeSpan.Zero && due <= TimeSpan.FromMinutes(5))
            {
                return due;
            }
        }
    }
}
