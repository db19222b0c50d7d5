using System.Text.RegularExpressions;

namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>deploy/systemd/edgeemotion-collector.service: a hardened notify service with a
/// watchdog, a dynamic user and a state directory, at least as locked down as the daemon's unit
/// (systemd's own analyzer).</summary>
public sealed partial class ServiceUnitTests
{
    private static readonly string Unit = Path.Combine(RepoPaths.Root, "deploy", "systemd", "edgeemotion-collector.service");
    private static readonly string DaemonUnit = Path.Combine(RepoPaths.Root, "deploy", "systemd", "edgeemotion.service");

    [Fact]
    public void The_unit_is_as_locked_down_as_the_daemons_and_systemd_reads_every_line()
    {
        var (collector, output) = Exposure(Unit);
        var (daemon, _) = Exposure(DaemonUnit);
        Assert.True(collector <= daemon, $"exposure {collector} against the daemon's {daemon}:\n{output}");
        Assert.DoesNotContain("Unknown", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_unit_is_a_notify_service_with_watchdog_dynamic_user_and_state_directory()
    {
        var lines = File.ReadAllLines(Unit);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("DynamicUser=yes", lines);
        Assert.Contains("StateDirectory=edgeemotion-collector", lines);
        Assert.Contains("RestartPreventExitStatus=2", lines);
        Assert.Contains(lines, l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal));
    }

    private static (double Exposure, string Output) Exposure(string unit)
    {
        var (_, output) = Command.Exec("systemd-analyze", ["security", "--offline=true", unit], TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["SYSTEMD_COLORS"] = "0" });
        var match = ExposureLine().Match(output);
        Assert.True(match.Success, output);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+(?:\.\d+)?)")]
    private static partial Regex ExposureLine();
}
