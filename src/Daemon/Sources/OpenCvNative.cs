using System.Runtime.InteropServices;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Whether OpenCV's native library (OpenCvSharpExtern) can be loaded. The linux-arm64
/// build ships without it; sources and the detector that need it are refused with a clear
/// message at start instead of failing with a DllNotFoundException in the frame loop.</summary>
public static class OpenCvNative
{
    private static readonly Lazy<bool> Loadable = new(() =>
        NativeLibrary.TryLoad("OpenCvSharpExtern", typeof(OpenCvSharp.Mat).Assembly, null, out _));

    public static bool IsAvailable => Loadable.Value;

    /// <summary>Throws when <paramref name="setting"/> needs OpenCV and this build has none.</summary>
    public static void Require(string setting)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(
                $"{setting} needs OpenCV's native library (libOpenCvSharpExtern.so), which this build does not include. " +
                "Use v4l2:///dev/videoN or images:///folder with the YuNet detector, or publish with OpenCvSharp4.runtime.linux-arm64 (README, 'Sources on ARM boards').");
        }
    }
}
