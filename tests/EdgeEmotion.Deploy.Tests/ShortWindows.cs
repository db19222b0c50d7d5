namespace EdgeEmotion.Deploy.Tests;

/// <summary>For boards where windows are only awaited (their length is not what is tested): 2 s
/// windows instead of the guide's default 10 s, through the daemon's environment in a test-only
/// /run drop-in, so the settings file stays as the installer's guide writes it.</summary>
public static class ShortWindows
{
    public const int Seconds = 2;

    /// <summary>Before <c>systemctl start</c>; it lasts for the board's life, upgrades included.</summary>
    public static void Apply(Board board) =>
        board.RuntimeDropIn("windows", $"Environment=EDGEEMOTION__Aggregation__WindowSeconds={Seconds}");
}
