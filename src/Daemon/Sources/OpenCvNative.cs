using System.Runtime.InteropServices;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Whether OpenCV's native library (OpenCvSharpExtern) can be loaded. The linux-arm64
/// build ships without it, and on linux-x64 it needs Debian libraries (GTK, cairo, …) that may be
/// missing; sources and the detector that need it are refused with a clear message at start,
/// naming what is missing on this machine, instead of failing in the frame loop.</summary>
internal static class OpenCvNative
{
    private const string FileName = "libOpenCvSharpExtern.so";
    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>Throws when <paramref name="setting"/> needs OpenCV and it cannot be loaded here.</summary>
    public static void Require(string setting)
    {
        if (Problem.Value is { } problem)
        {
            throw new UserInputException($"{setting} needs OpenCV's native library, but {problem}");
        }
    }

    private static string? FindProblem()
    {
        if (NativeLibrary.TryLoad("OpenCvSharpExtern", typeof(OpenCvSharp.Mat).Assembly, null, out _))
        {
            return null;
        }
        var runtime = RuntimeInformation.RuntimeIdentifier;
        var shipped = new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", runtime, "native") }
            .Select(folder => Path.Combine(folder, FileName)).FirstOrDefault(File.Exists);
        if (shipped is null)
        {
            return RuntimeInformation.ProcessArchitecture == Architecture.Arm64
                ? $"this {runtime} build does not include {FileName}. Use v4l2:///dev/videoN or images:///folder with the YuNet detector, " +
                  "or publish with OpenCvSharp4.runtime.linux-arm64 (README, 'Sources on ARM boards')."
                : $"this {runtime} build does not include {FileName}. Use v4l2:///dev/videoN or images:///folder with the YuNet detector.";
        }
        try
        {
            NativeLibrary.Load(shipped);
            return null;
        }
        catch (DllNotFoundException ex)
        {
            // dlerror's text names the first shared library that is missing.
            var reason = ex.Message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("cannot open shared object file", StringComparison.Ordinal))
                ?? ex.Message.Split('\n')[0].Trim();
            return $"{shipped} does not load on this {runtime} machine ({reason}). " +
                   "Install the Debian libraries it needs (the edgeemotion package depends on them: apt-get install -f; ldd shows what is missing).";
        }
    }
}
