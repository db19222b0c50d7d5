using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Tests.People;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// The person stage's share of one core at the defaults, measured on the detector alone (the
/// pipeline's person stage is integrated elsewhere): frames offered at 15 frames/s, 640x480 gray
/// (the clips' frames scaled to that size, so the letterbox and resize cost what a 640x480 camera's
/// would), every fifth one detected (People:Fps 3), one intra-op thread; the share is the
/// process's CPU time over the wall-clock time of the run.
/// </summary>
internal static class StageShare
{
    private const int OfferedFps = 15;
    private const int Width = 640;
    private const int Height = 480;
    private const double Target = 0.35;

    public static void Run(string floatModel, string? int8Model, IReadOnlyList<ClipFrame> clipFrames, double seconds, double peopleFps)
    {
        var frames = clipFrames.Select(f => Scaled(f.Gray())).ToList();
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
                $"Person stage alone at the defaults: {Width}x{Height} gray frames offered at {OfferedFps} frames/s, People:Fps {peopleFps}, 1 thread, {seconds:F0} s each (target: at most {Target:P0} of one core)"))
            .AddColumns("model", "frames detected", "CPU ms per detected frame", "share of one core (process CPU / wall)");
        using (var detector = new NanoDetPersonDetector(floatModel))
        {
            Measure(detector, "float", frames, seconds, peopleFps, table);
        }
        if (int8Model is not null)
        {
            using var int8 = new NanoDetPersonDetector(int8Model, expectedSha256: null);
            Measure(int8, $"int8 {(int8.Int8Kernels is { } form ? EdgeEmotion.Core.Onnx.Int8KernelRule.Name(form) : "")}", frames, seconds, peopleFps, table);
        }
        AnsiConsole.Write(table);
    }

    private static void Measure(NanoDetPersonDetector detector, string name, List<GrayImage> frames, double seconds, double peopleFps, Table table)
    {
        var every = (int)Math.Round(OfferedFps / peopleFps);
        detector.Detect(frames[0]); // Warm-up: the first run plans the kernels.
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var offered = 0;
        var detected = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (offered % every == 0)
            {
                detector.Detect(frames[offered % frames.Count]);
                detected++;
            }
            offered++;
            // The next frame arrives when the camera sends it, not when the stage is free.
            var wait = TimeSpan.FromSeconds((double)offered / OfferedFps) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
        var wall = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        table.AddRow(name, $"{detected}", string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / detected:F1}"),
            string.Create(CultureInfo.InvariantCulture, $"{cpu / wall:P1}"));
    }

    /// <summary>A clip frame (480x270) scaled to the default camera size, nearest pixel.</summary>
    internal static GrayImage Scaled(GrayImage frame)
    {
        var pixels = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                pixels[(y * Width) + x] = frame[x * frame.Width / Width, y * frame.Height / Height];
            }
        }
        return new GrayImage(Width, Height, pixels);
    }
}
