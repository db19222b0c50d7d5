using System.Diagnostics;
using static EdgeEmotion.Collector.Tests.EndToEnd.RunningApi;

namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>
/// The one-box shop on a Raspberry Pi: the collector as its arm64 package carries it
/// (<c>deploy/publish-collector.sh linux-arm64</c>, self-contained), run under qemu-user, takes a
/// window and a visit from a real mosquitto, stores them in SQLite through the arm64 native
/// library it ships, and answers on its API.
/// </summary>
public sealed class Arm64CollectorProofTests(PersistentMosquitto broker)
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";

    /// <summary>An ELF file's machine (e_machine, at byte 18): AArch64.</summary>
    private const ushort ElfAarch64 = 183;

    [Fact]
    public async Task The_arm64_collector_stores_a_window_and_a_visit_in_sqlite_and_answers_on_its_api()
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: run deploy/install-build-deps.sh (qemu-user-static and arm64 libraries).");
        var build = SelfContainedBuilds.GetCollector("linux-arm64");
        Assert.Equal(ElfAarch64, BitConverter.ToUInt16(File.ReadAllBytes(Path.Combine(build, "libe_sqlite3.so")).AsSpan(18, 2)));

        using var state = new TempDirectory();
        var prefix = "a" + Guid.NewGuid().ToString("N")[..8];
        var api = $"http://127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo(Qemu) { WorkingDirectory = build };
        foreach (var arg in new[] { "-L", "/", "./edgeemotion-collector", $"--StateDirectory={state.Path}", $"--Http:Urls={api}", "--Mqtt:Host=127.0.0.1",
            $"--Mqtt:Port={broker.Port.ToString(CultureInfo.InvariantCulture)}", $"--Mqtt:TopicPrefix={prefix}", $"--Collector:ClientId={prefix}", $"--Collector:Group={prefix}" })
        {
            start.ArgumentList.Add(arg);
        }
        // qemu-user mis-runs .NET's W^X double-mapped code pages (see the daemon's Arm64Build).
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        using var collector = ChildProcess.Start(start);
        await Wait.Until(() => collector.Output.Contains("Connected to", StringComparison.Ordinal) || collector.HasExited,
            "the emulated collector connected", TimeSpan.FromMinutes(3), () => collector.Output);
        Assert.False(collector.HasExited, collector.Output);

        Command.Run("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", $"{prefix}/kiosk-07/emotions", "-f", Path.Combine(GoldenPayloads.Folder, "emotions.json")], TimeSpan.FromMinutes(1));
        Command.Run("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", $"{prefix}/kiosk-07/visits", "-f", Path.Combine(GoldenPayloads.Folder, "visits.json")], TimeSpan.FromMinutes(1));

        using var http = new HttpClient { BaseAddress = new Uri(api) };
        await Wait.Until(() => Stored(http) == 2, "the window and the visit stored", TimeSpan.FromMinutes(2), () => collector.Output);
        Assert.Equal("kiosk-07", Get(http, "/api/v1/devices").GetProperty("devices").EnumerateArray().Single().GetProperty("device").GetString());
    }

    private static long Stored(HttpClient http) =>
        Answers(http, "/api/v1/health") ? Get(http, "/api/v1/health").GetProperty("messages_stored").GetInt64() : -1;
}
