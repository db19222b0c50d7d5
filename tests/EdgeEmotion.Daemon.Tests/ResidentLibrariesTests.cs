namespace EdgeEmotion.Daemon.Tests;

/// <summary>Issue 29: OpenSSL's libcrypto is 3.4 MB of resident memory for as long as it is loaded,
/// and .NET loads it on first use of its hashing or random classes. The daemon needs neither for
/// its default set-up (the model files' sha256 is BouncyCastle's managed digest, the embedded
/// broker's secret comes from /dev/urandom), so one stray call would cost that memory unnoticed.</summary>
public sealed class ResidentLibrariesTests
{
    [Fact]
    public async Task The_daemon_at_its_defaults_with_the_dashboard_never_loads_libcrypto()
    {
        using var state = new TempDirectory();
        using var daemon = DaemonProcess.Start(
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", $"--Mqtt:Port={LoopbackPort.Free()}", $"--StateDirectory={state.Path}",
            $"--Dashboard:Urls=http://127.0.0.1:{LoopbackPort.Free()}", "--Aggregation:WindowSeconds=1", "--Mqtt:LogMessages=true");
        try
        {
            // A window published: the models are loaded and checked, the broker and the page serve.
            Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("/emotions: ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), daemon.Output);
            var libraries = File.ReadAllLines($"/proc/{daemon.Id}/maps").Where(l => l.Contains(".so", StringComparison.Ordinal)).ToList();
            Assert.Contains(libraries, l => l.Contains("libonnxruntime", StringComparison.Ordinal)); // the maps are the daemon's
            Assert.DoesNotContain(libraries, l => l.Contains("libcrypto", StringComparison.Ordinal));
        }
        finally
        {
            daemon.Terminate(TimeSpan.FromSeconds(30));
        }
    }
}
