using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Onnx;

/// <summary>
/// OnnxRuntime 1.29+ ships telemetry on Linux: it writes a device id and an event cache under
/// <c>~/.cache/Microsoft/DeveloperTools</c> and a session file in the temporary folder, and may
/// upload events. An on-device analytics product must not, so it is switched off with
/// <c>ORT_DISABLE_TELEMETRY=1</c>, which OnnxRuntime reads once, natively, before it creates its
/// environment. .NET's Environment.SetEnvironmentVariable does not reach the native environment
/// on Unix, hence libc's setenv.
/// </summary>
public static partial class OnnxRuntimeTelemetry
{
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>Call before the first OnnxRuntime session of the process.</summary>
    public static void Disable()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
            if (!OperatingSystem.IsWindows())
            {
                _ = SetEnv("ORT_DISABLE_TELEMETRY", "1", 1);
            }
            _done = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
