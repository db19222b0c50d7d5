namespace EdgeEmotion.Daemon.Tests;

public sealed class MqttSecurityTests(SecureMosquitto broker) : IClassFixture<SecureMosquitto>
{
    private string[] Args(string device, string state, string passwordFile, int? port = null) =>
    [
        "--Mqtt:Host=localhost", $"--Mqtt:Port={port ?? broker.TlsPort}", "--Mqtt:UseTls=true", $"--Mqtt:CaFile={broker.CaFile}",
        $"--Mqtt:Username={Mosquitto.User}", $"--Mqtt:PasswordFile={passwordFile}", "--Mqtt:MaxReconnectSeconds=1",
        $"--DeviceId={device}", $"--StateDirectory={state}", $"--Source:Uri=images://{DemoPictures.Folder}?fps=2", "--Detector:InputWidth=320",
    ];

    [Fact]
    public async Task TLS_with_a_password_from_a_file_is_accepted_and_the_password_never_logged()
    {
        using var state = new TempDirectory();
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, "edgeemotion/kiosk-tls/#", (Mosquitto.User, Mosquitto.Password));
        using var daemon = DaemonProcess.Start(Args("kiosk-tls", state.Path, broker.PasswordFile));
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload == "online", TimeSpan.FromSeconds(30));
        daemon.Kill();
        Assert.DoesNotContain(Mosquitto.Password, daemon.Output);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_and_is_retried()
    {
        using var state = new TempDirectory();
        // Through a proxy that counts connections: each reconnect attempt is one.
        using var proxy = new TcpFaultProxy(broker.TlsPort, ProxyMode.Forward);
        using var daemon = DaemonProcess.Start(Args("kiosk-wrong", state.Path, broker.WrongPasswordFile, proxy.Port));
        await Wait.Until(() => daemon.Output.Contains("refused the connection", StringComparison.Ordinal) || daemon.HasExited, "the refusal to be logged", seen: () => daemon.Output);
        var output = daemon.Output;
        Assert.Contains("refused the connection (user 'kiosk')", output);
        Assert.DoesNotContain("not-it", output);
        var attempts = proxy.Accepted;
        await Wait.Until(() => proxy.Accepted > attempts || daemon.HasExited, "another connection attempt", seen: () => $"{proxy.Accepted} connections; {daemon.Output}");
        Assert.False(daemon.HasExited, "the daemon should keep retrying");
        Assert.DoesNotContain("not-it", daemon.Output);
    }

    [Fact]
    public void A_password_in_clear_to_a_remote_broker_is_refused()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource,
            "--Mqtt:Host=broker.example.net", $"--Mqtt:Username={Mosquitto.User}", $"--Mqtt:PasswordFile={broker.PasswordFile}");
        Assert.Equal(2, exit);
        Assert.Contains("refusing to send the MQTT password in clear to 'broker.example.net'", output);
    }

    [Fact]
    public void A_password_in_the_main_configuration_is_rejected()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, "--Mqtt:Password=hunter2");
        Assert.Equal(2, exit);
        Assert.Contains("Password", output);
        Assert.DoesNotContain("hunter2", output);
    }
}
