using Microsoft.Extensions.Time.Testing;

namespace BatchGen.Runtime.Tests;

/// <summary>Helpers for tests on a fake clock and over async sequences.</summary>
internal static class TestTime
{
    /// <summary>A fake clock at a fixed start, shared by a fake server and the polling under test.</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Moves <paramref name="clock"/> a second at a time until <paramref name="task"/> is done. The
    /// real pause between steps only lets the HTTP calls run; no outcome depends on its length.
    /// </summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider clock, Task<T> task)
    {
        for (var step = 0; !task.IsCompleted && step < 100_000; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(5));
        }

        return await task;
    }

    /// <summary>Every item of an async sequence.</summary>
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var result = new List<T>();
        await foreach (var item in items)
        {
            result.Add(item);
        }

        return result;
    }
}
