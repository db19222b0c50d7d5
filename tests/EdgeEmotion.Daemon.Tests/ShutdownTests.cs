using Microsoft.Extensions.DependencyInjection;

namespace EdgeEmotion.Daemon.Tests;

public class ShutdownTests
{
    [Fact]
    public async Task A_frame_still_in_the_detector_after_the_shutdown_timeout_leaves_it_before_the_detector_is_freed()
    {
        using var state = new TempDirectory();
        var (builder, log) = RecordedDemoDaemon.Create("kiosk-stop", state.Path);
        var detector = new HeldDetector();
        builder.Services.AddSingleton<IFaceDetector>(_ => detector); // made by the container, so disposed by it
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await Wait.Until(() => detector.Inside, "a frame inside the detector");

        try
        {
            await host.StopAsync(TestContext.Current.CancellationToken); // gives up waiting after 200 ms
        }
        catch (OperationCanceledException)
        {
        }
        Assert.True(detector.Inside);
        var disposing = Task.Run(host.Dispose, TestContext.Current.CancellationToken);
        // The frame may leave once the daemon says it waits for it; a premature Dispose of the
        // detector (the defect) comes instead of that line, with the frame still inside.
        await Wait.Until(() => detector.Disposed || log.Lines.Any(l => l.Contains("waiting up to", StringComparison.Ordinal)),
            "the daemon to wait for the frame under analysis (or to free the detector under it)");
        detector.Release();
        await disposing;

        Assert.True(detector.Disposed);
        Assert.False(detector.DisposedWhileInside, "the detector was freed while a frame was inside it");
    }

    /// <summary>Holds the first frame until released, as a slow board's detector would; records
    /// whether it was disposed while a frame was inside.</summary>
    private sealed class HeldDetector : IFaceDetector
    {
        private readonly ManualResetEventSlim _release = new();
        private volatile bool _inside;

        public bool Inside => _inside;

        public bool Disposed { get; private set; }

        public bool DisposedWhileInside { get; private set; }

        public IReadOnlyList<DetectedFace> Detect(GrayImage frame)
        {
            _inside = true;
            _release.Wait();
            _inside = false;
            return [];
        }

        public void Release() => _release.Set();

        public void Dispose()
        {
            DisposedWhileInside |= _inside;
            Disposed = true;
        }
    }
}
