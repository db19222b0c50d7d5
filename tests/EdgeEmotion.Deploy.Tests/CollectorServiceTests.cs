using System.Globalization;
using System.Text.Json;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>The collector's package on a board under a real systemd (nspawn), set up as the
/// installer's guide has a one-box shop do it: installed disabled; enabled beside the kiosk's
/// broker it runs under its hardened unit as a dynamic user, keeps its SQLite database in its
/// state directory, stores what the kiosk publishes and answers <c>/api/v1/health</c>.</summary>
[Trait("Category", "Systemd")]
public sealed class CollectorServiceTests(PackageBuilds builds)
{
    private const string Unit = "edgeemotion-collector";

    [Fact]
    public void The_package_installs_it_disabled_and_once_enabled_it_stores_the_kiosks_windows_and_answers_health()
    {
        var deb = builds.CollectorAmd64Deb;
        File.Copy(Path.Combine(RepoPaths.Root, "src", "Contracts", "golden", "emotions.json"), Path.Combine(builds.DebFolder, "window.json"), overwrite: true);
        using var board = Board.Boot(builds.DebFolder);
        // The guide's one-box shop: Debian's mosquitto (no listener configured: local only mode,
        // sessions on disk) with the collector's two settings, as the guide writes them.
        board.Shell("printf 'max_queued_messages 100000\\nmax_inflight_messages 1000\\n' > /etc/mosquitto/conf.d/collector.conf && systemctl restart mosquitto");
        board.Shell($"cd {Board.Debs} && apt-get install -y --no-install-recommends ./{Path.GetFileName(deb)}");
        Assert.Equal("disabled", board.Exec("systemctl", "is-enabled", Unit).Output.Trim());
        Assert.Equal("inactive", board.Property(Unit, "ActiveState"));

        // The collector on the kiosk's broker, SQLite by default.
        board.Shell($$"""
            printf '{ "Mqtt": { "Host": "127.0.0.1", "Port": 1883 } }\n' > /etc/edgeemotion-collector/collector.json
            systemctl enable --now {{Unit}}
            """);
        Assert.Equal("active", board.Property(Unit, "ActiveState"));
        var pid = board.Property(Unit, "MainPID");
        Assert.NotEqual("root", board.Run("stat", "-c", "%U", $"/proc/{pid}").Trim());
        Assert.Contains("Seccomp:\t2", board.Run("cat", $"/proc/{pid}/status"), StringComparison.Ordinal);
        Wait.UntilBlocking(() => board.Journal(Unit).Any(r => r.Message.Contains("subscribed", StringComparison.Ordinal)), "the collector subscribed",
            TimeSpan.FromMinutes(2), () => string.Join('\n', board.Journal(Unit).Select(r => r.Message)));

        board.Run("mosquitto_pub", "-h", "127.0.0.1", "-q", "1", "-t", "edgeemotion/kiosk-1/emotions", "-f", $"{Board.Debs}/window.json");
        var health = Wait.ForBlocking(() => Health(board) is { } h && h.GetProperty("messages_stored").GetInt64() == 1 ? h : (JsonElement?)null,
            "the window stored", TimeSpan.FromMinutes(1), () => board.Exec("bash", "-c", HealthRequest).Output);
        Assert.Equal("sqlite", health.GetProperty("provider").GetString());
        Assert.True(health.GetProperty("database_bytes").GetInt64() > 0);
        Assert.Equal("0", board.Run("sh", "-c", "test -s /var/lib/private/edgeemotion-collector/collector.db; echo $?").Trim());

        // Exposure under the running systemd, as for the daemon's unit file (SystemdUnitTests).
        var exposure = SystemdUnitTests.ParseExposure(board.Run("systemd-analyze", "security", Unit, "--no-pager"));
        var (daemon, _) = SystemdUnitTests.Exposure(Path.Combine(RepoPaths.Root, "deploy", "systemd", "edgeemotion.service"));
        Assert.True(exposure <= daemon, string.Create(CultureInfo.InvariantCulture, $"exposure {exposure} against the daemon's {daemon}"));
    }

    // bash's /dev/tcp: the root has no HTTP client, and the API listens on the board's loopback.
    private const string HealthRequest =
        "exec 3<>/dev/tcp/127.0.0.1/8090 && printf 'GET /api/v1/health HTTP/1.0\\r\\nHost: 127.0.0.1:8090\\r\\n\\r\\n' >&3 && cat <&3";

    /// <summary>The health answer's JSON body, or null while the API does not answer 200.</summary>
    private static JsonElement? Health(Board board)
    {
        var (exit, output) = board.Exec("bash", "-c", HealthRequest);
        if (exit != 0 || !output.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            return null;
        }
        using var json = JsonDocument.Parse(output[(output.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        return json.RootElement.Clone();
    }
}
