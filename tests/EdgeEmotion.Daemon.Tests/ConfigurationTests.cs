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
    public void An_invalid_setting_is_named(string setting, string key)
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=images://samples/demo", setting);
        Assert.Equal(2, exit);
        Assert.Contains($"edgeemotion: {key}:", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_misspelt_key_is_not_ignored()
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=images://samples/demo", "--Mqtt:Hostname=broker");
        Assert.Equal(2, exit);
        Assert.Contains("Hostname", output);
    }

    [Theory]
    [InlineData("--Source:Uri=webcam:0", "unknown scheme 'webcam'")]
    [InlineData("--Model:Path=/no/such/model.onnx", "/no/such/model.onnx: model file not found")]
    [InlineData("--Source:Uri=images:///no/such/folder", "'/no/such/folder' not found")]
    public void Bad_inputs_get_a_clear_error(string setting, string message)
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=images://samples/demo", setting);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void A_corrupt_model_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        try
        {
            var (exit, output) = ConfigCheck.Run("--Source:Uri=images://samples/demo", $"--Model:Path={path}");
            Assert.Equal(2, exit);
            Assert.Contains($"{path}: not a loadable ONNX model", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_model_with_another_sha256_is_refused()
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=images://samples/demo", $"--Model:Sha256={new string('0', 64)}");
        Assert.Equal(2, exit);
        Assert.Contains("refusing the model", output);
    }

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
