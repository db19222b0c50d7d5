using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>Checks <c>deploy/systemd/edgeemotion.service</c> and <c>edgeemotion-collector.service</c>
/// with systemd's own analyzer, in a scratch root that holds systemd's stock units and an
/// executable where ExecStart points.</summary>
public partial class SystemdUnitTests
{
    private static readonly string Unit = UnitFile("edgeemotion.service");

    public static TheoryData<string> Units => ["edgeemotion.service", "edgeemotion-collector.service"];

    private static string UnitFile(string name) => Path.Combine(RepoPaths.Root, "deploy", "systemd", name);

    private static (int Exit, string Output) Analyze(params string[] args) =>
        Command.Exec("systemd-analyze", args, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["SYSTEMD_COLORS"] = "0" });

    private static string ExecStart(string unit) =>
        File.ReadLines(unit).Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..].Split(' ')[0];

    [Theory]
    [MemberData(nameof(Units))]
    public void The_unit_passes_systemd_analyze_verify(string name)
    {
        using var root = new TempDirectory();
        CopyDirectory("/usr/lib/systemd/system", root.Combine("usr", "lib", "systemd", "system"));
        var exe = root.Path + ExecStart(UnitFile(name));
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        File.WriteAllText(exe, "#!/bin/sh\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var unitDir = root.Combine("etc", "systemd", "system");
        Directory.CreateDirectory(unitDir);
        File.Copy(UnitFile(name), Path.Combine(unitDir, name));

        var (exit, output) = Analyze("verify", $"--root={root.Path}", "--man=no", name);
        Assert.True(exit == 0 && output.Trim().Length == 0, output);
    }

    [Fact]
    public void The_unit_is_hardened_to_an_exposure_of_at_most_2()
    {
        var (exposure, output) = Exposure(Unit);
        Assert.True(exposure <= 2.0, $"exposure {exposure}:\n{output}");
    }

    [Fact]
    public void The_collectors_unit_is_hardened_as_well_as_the_daemons_or_better()
    {
        var (collector, output) = Exposure(UnitFile("edgeemotion-collector.service"));
        var (daemon, _) = Exposure(Unit);
        Assert.True(collector <= daemon, $"exposure {collector} against the daemon's {daemon}:\n{output}");
    }

    /// <summary><c>systemd-analyze security</c>'s overall exposure of a unit file, and its table.</summary>
    public static (double Exposure, string Output) Exposure(string unitFile)
    {
        var (_, output) = Analyze("security", "--offline=true", unitFile);
        return (ParseExposure(output), output);
    }

    public static double ParseExposure(string output)
    {
        var match = ExposureLine().Match(output);
        Assert.True(match.Success, output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_unit_is_a_notify_service_with_watchdog_and_restart()
    {
        var lines = File.ReadAllLines(Unit);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains(lines, l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("MemoryMax=", StringComparison.Ordinal));
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(Path.Combine(target, info.Name), link);
            }
            else
            {
                File.Copy(file, Path.Combine(target, info.Name));
            }
        }
        foreach (var dir in Directory.GetDirectories(source))
        {
            if (new DirectoryInfo(dir).LinkTarget is null)
            {
                CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
            }
        }
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+(?:\.\d+)?)")]
    private static partial Regex ExposureLine();
}
