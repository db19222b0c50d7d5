namespace EdgeEmotion.Dashboard.Tests;

/// <summary>Dashboard:Urls: off by default, one line naming key, value and rule when bad.</summary>
public sealed class DashboardSettingsTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8443")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/dashboard")]
    [InlineData("http://127.0.0.1:8080;ftp://x")]
    [InlineData("http://127.0.0.1:99999")]
    public void A_url_that_is_not_plain_http_host_and_port_is_one_line_naming_key_value_and_rule(string urls) =>
        Assert.Equal([$"Dashboard:Urls: '{urls}' is invalid: {EdgeEmotion.Daemon.Options.DashboardOptionsValidator.Rule}"], ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Dashboard:Urls={urls}"));

    /// <summary>Kestrel serves a host name on every interface (IPv4 and IPv6), whatever it resolves to.</summary>
    [Theory]
    [InlineData("http://example.com:18086", "example.com")]
    [InlineData("http://127.0.0.1:18086;http://kiosk-01:8080", "kiosk-01")]
    public void A_host_name_is_one_line_asking_for_an_address(string urls, string name)
    {
        Assert.Equal([$"Dashboard:Urls: '{urls}' is invalid: '{name}' is a host name, which Kestrel would serve on every interface; give an IP address (0.0.0.0 for every interface) or localhost"],
            ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Dashboard:Urls={urls}"));
    }

    /// <summary>What the start would refuse with "address already in use": two entries on one
    /// address and port, or one that a wildcard address already covers.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:18087;http://127.0.0.1:18087", "'http://127.0.0.1:18087' is given twice")]
    [InlineData("http://0.0.0.0:18087;http://127.0.0.1:18087", "'http://0.0.0.0:18087' and 'http://127.0.0.1:18087' would listen on the same address and port")]
    [InlineData("http://localhost:18087;http://[::1]:18087", "'http://localhost:18087' and 'http://[::1]:18087' would listen on the same address and port")]
    public void Two_urls_on_the_same_address_and_port_are_one_line(string urls, string rule) =>
        Assert.Equal([$"Dashboard:Urls: '{urls}' is invalid: {rule}"], ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Dashboard:Urls={urls}"));

    [Fact]
    public void The_embedded_brokers_port_is_one_line()
    {
        Assert.Equal(["Dashboard:Urls: 'http://127.0.0.1:18088' is invalid: port 18088 is the embedded MQTT broker's (Mqtt:Port); give the dashboard another port"],
            ConfigCheck.Refused(ConfigCheck.DemoSource, "--Mqtt:Port=18088", "--Dashboard:Urls=http://127.0.0.1:18088"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:8080; http://[::1]:8080")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://127.0.0.1:1883;http://127.0.0.2:1883|--Mqtt:Host=broker.example")]
    public void Plain_http_urls_are_accepted(string urls)
    {
        var (exit, output) = ConfigCheck.Run([ConfigCheck.DemoSource, .. $"--Dashboard:Urls={urls}".Split('|')]);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_misspelt_dashboard_key_is_named_with_the_right_one() =>
        Assert.Equal(["Dashboard:Url: unknown key in section Dashboard; did you mean Dashboard:Urls?"], ConfigCheck.Refused(ConfigCheck.DemoSource, "--Dashboard:Url=http://127.0.0.1:8080"));

    /// <summary>The web server is in the daemon's program but costs nothing when off: its
    /// assemblies are mapped into the process only with Dashboard:Urls.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASP_NET_Core_is_loaded_only_when_the_dashboard_is_on(bool dashboard)
    {
        using var state = new TempDirectory();
        string[] settings = [$"--Source:Uri=images://{DemoPictures.Folder}?fps=5", "--Mqtt:Port=0", $"--StateDirectory={state.Path}", "--Aggregation:WindowSeconds=1"];
        using var daemon = DaemonProcess.Start(dashboard ? [.. settings, $"--Dashboard:Urls=http://127.0.0.1:{LoopbackPort.Free()}"] : settings);
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("/emotions: ", StringComparison.Ordinal), TimeSpan.FromSeconds(180)), daemon.Output);
        var maps = File.ReadAllLines($"/proc/{daemon.Id}/maps");
        Assert.Equal(dashboard, maps.Any(l => l.Contains("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)));
        Assert.Equal(dashboard, maps.Any(l => l.Contains("Microsoft.AspNetCore.WebSockets", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_port_already_taken_stops_the_daemon_with_one_line_and_exit_code_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var state = new TempDirectory();
        using var daemon = DaemonProcess.Start($"--Source:Uri=images://{DemoPictures.Folder}", "--Mqtt:Port=0", $"--StateDirectory={state.Path}", $"--Dashboard:Urls=http://127.0.0.1:{port}");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(180)), daemon.Output);
        Assert.Equal(2, daemon.ExitCode);
        var line = Assert.Single(ConfigCheck.Errors(daemon.Output));
        Assert.StartsWith($"Dashboard:Urls: cannot listen on 'http://127.0.0.1:{port}' (", line);
        // Only that line: not the web host's own report of the failure with its stack trace first.
        Assert.DoesNotContain("   at ", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Extensions.Hosting", daemon.Output, StringComparison.Ordinal);
    }

    /// <summary>localhost is served on the loopback addresses only, and the log names them.</summary>
    [Fact]
    public async Task Localhost_listens_on_loopback_only_and_the_log_names_the_addresses_bound()
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        using var daemon = DaemonProcess.Start($"--Source:Uri=images://{DemoPictures.Folder}", "--Mqtt:Port=0", $"--StateDirectory={state.Path}", $"--Dashboard:Urls=http://localhost:{port}");
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("Dashboard on ", StringComparison.Ordinal), TimeSpan.FromSeconds(180)), daemon.Output);
        var listening = ListeningAddresses(port);
        Assert.NotEmpty(listening);
        Assert.All(listening, address => Assert.True(System.Net.IPAddress.IsLoopback(address), $"listening on {address}"));
        var line = daemon.Output.Split('\n').First(l => l.Contains("Dashboard on ", StringComparison.Ordinal));
        Assert.All(listening, address => Assert.Contains(new System.Net.IPEndPoint(address, port).ToString(), line, StringComparison.Ordinal));
        Assert.DoesNotContain("localhost", line, StringComparison.Ordinal);
    }

    private static readonly string[] ProcNetTcp = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The addresses with a socket listening on <paramref name="port"/>, from /proc/net/tcp and tcp6.</summary>
    private static List<System.Net.IPAddress> ListeningAddresses(int port) =>
        [.. ProcNetTcp.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[3] == "0A" && f[1].EndsWith($":{port:X4}", StringComparison.Ordinal)) // 0A: LISTEN
            .Select(f => ProcNetAddress(f[1][..f[1].IndexOf(':', StringComparison.Ordinal)]))];

    /// <summary>/proc/net/tcp writes an address as 32-bit words in the machine's byte order.</summary>
    private static System.Net.IPAddress ProcNetAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; BitConverter.IsLittleEndian && word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }
        return new System.Net.IPAddress(bytes);
    }
}
