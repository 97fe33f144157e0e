using System;

namespace BatchGen.Testing;

/// <summary>A clock that moves only when told to, so tests can step a batch through its states instantly.</summary>
public sealed class FakeClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    /// <summary>Starts the clock at <paramref name="start"/> (default: 2024-03-26 17:00 UTC).</summary>
    public FakeClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2024, 3, 26, 17, 0, 0, TimeSpan.Zero);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
