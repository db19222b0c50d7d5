using System.Globalization;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A second daemon on a state directory in use stops at start with one line naming the
/// process that holds it: its id (from the lock file) and its command name.</summary>
public sealed class StateDirectoryLockTests
{
    [Fact]
    public async Task The_refusal_names_the_holding_process_by_id_and_command_name()
    {
        using var state = new TempDirectory();
        string[] args = [$"--Source:Uri=images://{DemoPictures.Folder}?fps=2", "--Mqtt:Port=0", $"--StateDirectory={state.Path}"];
        using var first = DaemonProcess.Start(args);
        Assert.True(await first.WaitForOutputAsync(o => o.Contains(" opened", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), first.Output);
        var name = File.ReadAllText($"/proc/{first.Id}/comm").Trim();

        var (exit, output) = DaemonProcess.Run(TimeSpan.FromMinutes(2), args);

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("is in use by", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"is in use by process {first.Id} ({name}); each daemon needs its own StateDirectory"), line);
        Assert.True(first.Terminate(TimeSpan.FromSeconds(30)), first.Output);
    }
}
