namespace EdgeEmotion.Daemon.Tests;

/// <summary>Issue 29: OpenSSL's libcrypto is 3.4 MB of resident memory for as long as it is loaded,
/// and .NET loads it on first use of its hashing or random classes. The daemon needs neither for
/// its default set-up (the model files' sha256 is BouncyCastle's managed digest, the embedded
/// broker's secret comes from /dev/urandom), so one stray call would cost that memory unnoticed.
/// Likewise the camera libraries a source or detector of another kind needs (Iot.Device.Bindings
/// for V4L2, OpenCvSharp for OpenCV cameras and the Haar detector): 1.5 MB resident, loaded by
/// the JIT for code that is never run unless kept out of the methods every set-up compiles.</summary>
public sealed class ResidentLibrariesTests
{
    [Fact]
    public async Task The_daemon_at_its_defaults_with_the_dashboard_never_loads_libcrypto_nor_camera_libraries_it_does_not_use_nor_watches_its_settings()
    {
        using var state = new TempDirectory();
        using var daemon = DaemonProcess.Start(
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=5", $"--Mqtt:Port={LoopbackPort.Free()}", $"--StateDirectory={state.Path}",
            $"--Dashboard:Urls=http://127.0.0.1:{LoopbackPort.Free()}", "--Aggregation:WindowSeconds=1", "--Mqtt:LogMessages=true");
        try
        {
            // A window published: the models are loaded and checked, the broker and the page serve.
            Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("/emotions: ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), daemon.Output);
            var maps = File.ReadAllLines($"/proc/{daemon.Id}/maps");
            Assert.Contains(maps, l => l.Contains("libonnxruntime", StringComparison.Ordinal)); // the maps are the daemon's
            Assert.DoesNotContain(maps, l => l.Contains("libcrypto", StringComparison.Ordinal));
            Assert.DoesNotContain(maps, l => l.EndsWith("/Iot.Device.Bindings.dll", StringComparison.Ordinal));
            Assert.DoesNotContain(maps, l => l.EndsWith("/OpenCvSharp.dll", StringComparison.Ordinal));
            // Nor a watcher of its settings files (validated once, at start): a thread and an inotify watch.
            var threads = Directory.GetDirectories($"/proc/{daemon.Id}/task").Select(t => File.ReadAllText(Path.Combine(t, "comm")).Trim()).ToList();
            Assert.Contains(".NET Finalizer", threads); // the threads are the daemon's
            Assert.DoesNotContain(".NET File Watch", threads);
            Assert.DoesNotContain(Directory.GetFiles($"/proc/{daemon.Id}/fd"), fd => File.ResolveLinkTarget(fd, false)?.FullName.Contains("inotify", StringComparison.Ordinal) == true);
        }
        finally
        {
            daemon.Terminate(TimeSpan.FromSeconds(30));
        }
    }
}
