namespace EdgeEmotion.Daemon.Tests;

/// <summary>Under systemd standard output and error are the journal (<c>JOURNAL_STREAM</c> is set):
/// every line carries its syslog priority and no terminal colours. A fake <c>JOURNAL_STREAM</c>
/// makes the real program behave as under a unit.</summary>
public class JournalOutputTests
{
    private static readonly Dictionary<string, string> UnderSystemd = new() { ["JOURNAL_STREAM"] = "8:12345" };

    [Fact]
    public void A_start_up_error_has_the_error_priority()
    {
        using var state = new TempDirectory();
        using var daemon = DaemonProcess.Start(
            ["--Source:Uri=images://samples/demo", "--Aggregation:WindowSeconds=NaN", $"--StateDirectory={state.Path}"], UnderSystemd, null);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), daemon.Output);
        Assert.Equal(2, daemon.ExitCode);
        Assert.Contains("<3>edgeemotion: Aggregation:WindowSeconds: 'NaN' is invalid: must be a finite number", daemon.Output);
    }

    [Fact]
    public async Task Logs_use_the_systemd_format_with_priorities_and_a_world_readable_password_is_warned_once()
    {
        using var dir = new TempDirectory();
        var password = dir.Combine("password");
        File.WriteAllText(password, "KioskPw-Journal9\n");
        File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var daemon = DaemonProcess.Start(
            [$"--Source:Uri=images://{DemoPictures.Folder}?fps=20&loop=false", "--Mqtt:Port=0", "--Mqtt:Username=kiosk", $"--Mqtt:PasswordFile={password}",
             $"--StateDirectory={dir.Combine("state")}", "--Aggregation:WindowSeconds=1"],
            UnderSystemd, null);
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("Every frame of the source is analysed", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), daemon.Output);
        daemon.Terminate(TimeSpan.FromSeconds(20));
        var lines = daemon.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.DoesNotContain(lines, l => l.Contains('\u001b'));
        Assert.Contains(lines, l => l.StartsWith("<6>", StringComparison.Ordinal) && l.Contains("Source", StringComparison.Ordinal));
        // The journal stamps each line itself: no second time stamp after the priority.
        Assert.All(lines.Where(l => l.StartsWith('<')), l => Assert.Matches("^<[0-7]>[A-Za-z]", l));
        var warning = Assert.Single(lines, l => l.Contains("is readable by every user", StringComparison.Ordinal));
        Assert.StartsWith("<4>", warning);
        Assert.Contains($"'{password}' is readable by every user (mode 0644)", warning);
        Assert.DoesNotContain("KioskPw-Journal9", daemon.Output);
    }
}
