using System.Diagnostics;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// RTSP cameras, video files and HTTP streams that are not MJPEG, decoded by Debian's ffmpeg in a
/// child process (as Frigate and most NVRs do) on every board: OpenCvSharp's x64 runtime has no
/// network support and arm64 has no OpenCV at all. ffmpeg writes raw 8-bit gray frames of exactly
/// width x height bytes to its standard output; each read takes one whole frame. Opening waits for
/// the first frame, so a wrong password or path fails the open with ffmpeg's reason (and the
/// pipeline's backoff grows); later, no frame for <c>Source:StallSeconds</c> or ffmpeg's exit is
/// an <see cref="IOException"/>, and the pipeline starts a new ffmpeg with its backoff.
/// </summary>
internal sealed class FfmpegSource : IFrameSource
{
    private static readonly TimeSpan DescribeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Added to the stall time for the first frame: connecting, probing the stream and
    /// waiting for its first key frame (cameras send one every 1-4 s) come before it.</summary>
    private static readonly TimeSpan OpenGrace = TimeSpan.FromSeconds(5);
    private readonly SourceUri _uri;
    private readonly FfmpegCommand _command;
    private readonly TimeSpan _stall;
    private readonly Process _process;
    private readonly Stream _frames;
    private readonly FfmpegLog _log;
    private readonly Timer _watchdog;
    private volatile bool _stalled;
    private GrayImage? _first;

    /// <param name="input">What ffmpeg opens: the camera's URL, or <c>file:</c> and the path.</param>
    public FfmpegSource(SourceUri uri, string input, string program, FfmpegCommand command, TimeSpan stall, ILogger? logger = null, CancellationToken opening = default)
    {
        _uri = uri;
        _command = command;
        _stall = stall;
        Name = $"{uri.Display} through ffmpeg";
        _log = new FfmpegLog(input, uri.Display, logger);
        _process = DaemonChildProcess.Start(program, command.Arguments(uri, input), FfmpegCommand.StandardInput(uri, input));
        _process.ErrorDataReceived += (_, e) => _log.Add(e.Data);
        _process.BeginErrorReadLine();
        _frames = _process.StandardOutput.BaseStream;
        _watchdog = new Timer(_ => Stall());
        try
        {
            _first = ReadFrame(_stall + OpenGrace, opening)
                ?? throw new IOException($"{uri.Display}: ffmpeg delivered no frame ({_log.Describe(_process.ExitCode)}).");
            if (uri.Kind == SourceKind.VideoFile)
            {
                // ffmpeg describes its output before writing the first frame; its reader may lag a little.
                _log.WaitForOutput(DescribeTimeout);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    /// <summary>A live stream or a file played at its own pace produces frames whether read or not.</summary>
    public bool Pushes => _uri.Kind != SourceKind.VideoFile || _uri.Realtime;

    /// <summary>A video file's frame rate as ffmpeg writes it (0 for streams): its media time.</summary>
    public double MediaFps => _uri.Kind == SourceKind.VideoFile ? _log.OutputFps : 0;

    public GrayImage? Read(CancellationToken cancellationToken)
    {
        if (_first is { } first)
        {
            _first = null;
            return first;
        }
        return ReadFrame(_stall, cancellationToken);
    }

    private GrayImage? ReadFrame(TimeSpan limit, CancellationToken cancellationToken)
    {
        var pixels = new byte[_command.FrameBytes];
        var filled = 0;
        _watchdog.Change(limit, Timeout.InfiniteTimeSpan);
        using (cancellationToken.Register(Kill))
        {
            while (filled < pixels.Length)
            {
                int n;
                try
                {
                    n = _frames.Read(pixels, filled, pixels.Length - filled);
                }
                catch (IOException) when (_stalled || cancellationToken.IsCancellationRequested)
                {
                    n = 0;
                }
                if (n == 0)
                {
                    break;
                }
                filled += n;
            }
        }
        _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (filled == pixels.Length)
        {
            return new GrayImage(_command.Width, _command.Height, pixels);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_stalled)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{_uri.Display}: no frame for {limit.TotalSeconds:0.#} s (Source:StallSeconds{(limit > _stall ? " and 5 s to connect" : "")}); ffmpeg stopped"));
        }
        var exit = WaitForExit();
        if (filled == 0 && exit == 0 && _uri.Kind == SourceKind.VideoFile)
        {
            return null; // the file has ended
        }
        throw new IOException(_log.Describe(exit));
    }

    private int? WaitForExit()
    {
        if (!_process.WaitForExit(DescribeTimeout))
        {
            return null;
        }
        _process.WaitForExit(); // the rest of standard error, for the reason
        return _process.ExitCode;
    }

    private void Stall()
    {
        _stalled = true;
        Kill();
    }

    private void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        Kill();
        _process.WaitForExit(DescribeTimeout);
        _process.Dispose();
    }
}
