using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EdgeEmotion.Tests;

/// <summary>The one way the tests wait: for a condition, never for seconds. Polls until it holds
/// and fails naming what was awaited (with what was seen) when it does not within a generous
/// limit, so that a busy machine only makes a test slower, never makes it fail.</summary>
public static class Wait
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task Until(Func<bool> condition, string what, TimeSpan? limit = null, Func<string>? seen = null) =>
        For(() => condition() ? true : (bool?)null, what, limit, seen);

    /// <summary>Waits until <paramref name="probe"/> gives a value, and returns it.</summary>
    public static async Task<T> For<T>(Func<T?> probe, string what, TimeSpan? limit = null, Func<string>? seen = null) where T : struct =>
        (await ForObject(() => probe() is { } value ? new StrongBox<T>(value) : null, what, limit, seen)).Value;

    /// <summary>Waits until <paramref name="probe"/> gives an object, and returns it.</summary>
    public static async Task<T> ForObject<T>(Func<T?> probe, string what, TimeSpan? limit = null, Func<string>? seen = null) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            ThrowIfLate(waited, what, limit, seen);
            await Task.Delay(Interval);
        }
    }

    /// <summary>For constructors and other synchronous code (fixtures that start programs).</summary>
    /// <param name="every">Between tries; longer for probes that start a program each time.</param>
    public static void UntilBlocking(Func<bool> condition, string what, TimeSpan? limit = null, Func<string>? seen = null, TimeSpan? every = null) =>
        ForBlocking(() => condition() ? true : (bool?)null, what, limit, seen, every);

    public static T ForBlocking<T>(Func<T?> probe, string what, TimeSpan? limit = null, Func<string>? seen = null, TimeSpan? every = null) where T : struct =>
        ForObjectBlocking(() => probe() is { } value ? new StrongBox<T>(value) : null, what, limit, seen, every).Value;

    public static T ForObjectBlocking<T>(Func<T?> probe, string what, TimeSpan? limit = null, Func<string>? seen = null, TimeSpan? every = null) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            ThrowIfLate(waited, what, limit, seen);
            Thread.Sleep(every ?? Interval);
        }
    }

    private static void ThrowIfLate(Stopwatch waited, string what, TimeSpan? limit, Func<string>? seen)
    {
        var within = limit ?? DefaultLimit;
        if (waited.Elapsed > within)
        {
            throw new TimeoutException($"Waited {within.TotalSeconds:0} s for {what}; it did not happen.{(seen is null ? "" : " Seen: " + seen())}");
        }
    }
}
