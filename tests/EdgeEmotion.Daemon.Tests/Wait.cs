namespace EdgeEmotion.Daemon.Tests;

/// <summary>Waits for a condition instead of for seconds: polls until it holds, and fails naming
/// what was awaited (with what was seen) when it does not within a generous limit.</summary>
public static class Wait
{
    public static async Task Until(Func<bool> condition, string what, TimeSpan? limit = null, Func<string>? seen = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(limit ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s for {what}; it did not happen.{(seen is null ? "" : " Seen: " + seen())}");
            }
            await Task.Delay(50);
        }
    }
}
