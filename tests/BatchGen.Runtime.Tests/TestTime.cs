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
    public static Task<T> Drive<T>(this FakeTimeProvider clock, Task<T> task) => clock.Drive(task, TimeSpan.FromSeconds(1));

    /// <summary>As <see cref="Drive{T}(FakeTimeProvider, Task{T})"/>, <paramref name="step"/> at a time: the finer the step, the closer fake times land on the delays under test.</summary>
    public static async Task<T> Drive<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan step)
    {
        for (var i = 0; !task.IsCompleted && i < 100_000; i++)
        {
            clock.Advance(step);
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
