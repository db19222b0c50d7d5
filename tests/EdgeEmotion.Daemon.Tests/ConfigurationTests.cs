namespace EdgeEmotion.Daemon.Tests;

/// <summary>Bad settings end the daemon at start with one line per problem that names the key.
/// The check runs in this process through the program's own path (<see cref="ConfigCheck"/>);
/// a process is started only where the process itself is the subject.</summary>
public class ConfigurationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Check_config_accepts_the_demo_settings()
    {
        var (exit, output) = DaemonProcess.Run(Timeout, "--check-config", "--Source:Uri=images://samples/demo?fps=5");
        Assert.True(exit == 0, output);
        Assert.Contains("valid", output);
    }

    [Theory]
    [InlineData("--Aggregation:WindowSeconds=0", "Aggregation:WindowSeconds")]
    [InlineData("--Mqtt:Port=70000", "Mqtt:Port")]
    [InlineData("--Mqtt:TopicPrefix=a/#", "Mqtt:TopicPrefix")]
    [InlineData("--Source:TargetFps=0", "Source:TargetFps")]
    [InlineData("--DeviceId=kiosk 7", "DeviceId")]
    public void An_invalid_setting_is_named(string setting, string key) =>
        Assert.Contains(ConfigCheck.Refused(ConfigCheck.DemoSource, setting), l => l.StartsWith($"{key}:", StringComparison.Ordinal));

    [Fact]
    public void A_misspelt_key_is_not_ignored() =>
        Assert.Contains(ConfigCheck.Refused(ConfigCheck.DemoSource, "--Mqtt:Hostname=broker"), l => l.Contains("Hostname", StringComparison.Ordinal));

    [Theory]
    [InlineData("--Source:Uri=webcam:0", "unknown scheme 'webcam'")]
    [InlineData("--Model:Path=/no/such/model.onnx", "/no/such/model.onnx: model file not found")]
    [InlineData("--Source:Uri=images:///no/such/folder", "'/no/such/folder' not found")]
    public void Bad_inputs_get_a_clear_error(string setting, string message) =>
        Assert.Contains(ConfigCheck.Refused(ConfigCheck.DemoSource, setting), l => l.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void A_corrupt_model_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        try
        {
            Assert.Contains(ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Model:Path={path}"), l => l.Contains($"{path}: not a loadable ONNX model", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_with_another_sha256_is_refused() =>
        Assert.Contains(ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Model:Sha256={new string('0', 64)}"), l => l.Contains("refusing the model", StringComparison.Ordinal));

    [Fact]
    public void A_taken_port_for_the_embedded_broker_is_one_line_without_a_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, output) = DaemonProcess.Run(Timeout, "--Source:Uri=images://samples/demo", $"--Mqtt:Port={port}");
        Assert.Equal(2, exit);
        Assert.Contains($"Embedded MQTT broker cannot listen on 127.0.0.1:{port}", output);
        Assert.DoesNotContain("   at ", output);
    }
}
