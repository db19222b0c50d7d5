using System.Globalization;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// A real RTSP server: GStreamer's rtsp-server through its Python bindings (Debian packages
/// gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-ugly for x264enc), streaming a
/// folder of frames in a loop as H.264 at <see cref="Mount"/> behind Basic authentication, on a
/// free loopback port that stays the same across <see cref="Stop"/> and <see cref="Start"/>.
/// </summary>
public sealed class RtspServer : IDisposable
{
    public const string Mount = "/clip";
    public const string User = "viewer";
    public const string Password = "Kiosk-Pw-5b1e";

    private const string Python = "/usr/bin/python3"; // Debian's, which has python3-gi
    private readonly string _framePattern;
    private readonly int _fps;
    private readonly int _width;
    private readonly int _height;
    private ChildProcess? _process;
    private string _earlierOutput = "";

    /// <param name="framePattern">printf pattern of the frames, e.g. <c>…/frame-%03d.jpg</c>.</param>
    /// <param name="width">Streamed size; the clips' own 480x270 by default.</param>
    public RtspServer(string framePattern, int fps = 12, int width = 480, int height = 270)
    {
        _framePattern = framePattern;
        _fps = fps;
        _width = width;
        _height = height;
        Port = LoopbackPort.Free();
        Start();
    }

    public int Port { get; }

    /// <summary>The stream's URL with the right credentials, or others.</summary>
    public string Url(string user = User, string password = Password, string mount = Mount) =>
        string.Create(CultureInfo.InvariantCulture, $"rtsp://{user}:{password}@127.0.0.1:{Port}{mount}");

    public static string Script => Path.Combine(RepoPaths.Root, "tests", "EdgeEmotion.Daemon.Tests", "Rtsp", "rtsp_server.py");

    public void Start()
    {
        _process = ChildProcess.Start(Python, [Script, Port.ToString(CultureInfo.InvariantCulture), Mount, _framePattern, _fps.ToString(CultureInfo.InvariantCulture), _width.ToString(CultureInfo.InvariantCulture), _height.ToString(CultureInfo.InvariantCulture), User, Password]);
        var process = _process;
        if (!LoopbackPort.WaitUntilListening(Port, TimeSpan.FromSeconds(20),
                () => process.HasExited ? new InvalidOperationException($"the RTSP server exited: {Output} (run deploy/install-build-deps.sh)") : null))
        {
            throw new InvalidOperationException($"the RTSP server did not listen on {Port}: {Output}");
        }
    }

    /// <summary>What the server has said, over all its runs.</summary>
    public string Output => _earlierOutput + _process?.Output;

    /// <summary>The clip of the smiling man (one happy face in every frame), as the tests stream it.</summary>
    public static string SmilingMan => Path.Combine(RepoPaths.Shared, "data", "clips", "head-pose-face-detection-male", "frame-%03d.jpg");

    /// <summary>SIGSTOP: the server keeps its connections open and sends nothing, as a hung camera does.</summary>
    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    private void Signal(string name) => _process!.Signal(name);

    public void Stop()
    {
        _earlierOutput += _process?.Output;
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
