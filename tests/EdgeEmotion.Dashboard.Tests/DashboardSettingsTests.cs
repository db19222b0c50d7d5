using EdgeEmotion.Daemon.Tests;
using EdgeEmotion.Tests;

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
    public void A_url_that_is_not_plain_http_host_and_port_is_one_line_naming_key_value_and_rule(string urls)
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, $"--Dashboard:Urls={urls}");
        Assert.Equal(2, exit);
        Assert.Equal([$"Dashboard:Urls: '{urls}' is invalid: {EdgeEmotion.Daemon.Options.DashboardOptionsValidator.Rule}"], ConfigCheck.Errors(output));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:8080; http://[::1]:8080")]
    [InlineData("http://localhost:8080/")]
    public void Plain_http_urls_are_accepted(string urls)
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, $"--Dashboard:Urls={urls}");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_misspelt_dashboard_key_is_named_with_the_right_one()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, "--Dashboard:Url=http://127.0.0.1:8080");
        Assert.Equal(2, exit);
        Assert.Equal(["Dashboard:Url: unknown key in section Dashboard; did you mean Dashboard:Urls?"], ConfigCheck.Errors(output));
    }

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
        Assert.Equal(dashboard, maps.Any(l => l.Contains("MQTTnet.AspNetCore", StringComparison.Ordinal)));
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
    }
}
