using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// ffmpeg's standard error: every line goes to the log at debug level with the camera's
/// credentials masked; the lines are kept to say in one line why ffmpeg stopped (wrong password,
/// wrong path, camera unreachable) and to read the frame rate of what it writes.
/// </summary>
internal sealed partial class FfmpegLog(string uri, string name, ILogger? logger)
{
    private const int Kept = 64;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Queue<string> _lines = new();

    // Completed, never disposed: ffmpeg's standard error is read on its own thread, which may still
    // add a line while the source is disposed (an event handle would then be used after disposal).
    private readonly TaskCompletionSource _outputDescribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _inOutput;

    /// <summary>Frames per second of ffmpeg's output stream, once it has described it (0 before).</summary>
    public double OutputFps { get; private set; }

    public void Add(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return;
        }
        var line = CredentialMask.InText(raw.TrimEnd(), uri);
        LogLine(_logger, line);
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept)
            {
                _lines.Dequeue();
            }
        }
        if (line.StartsWith("Output #0", StringComparison.Ordinal))
        {
            _inOutput = true;
        }
        else if (_inOutput && line.Contains("Stream #", StringComparison.Ordinal) && StreamFps().Match(line) is { Success: true } fps)
        {
            OutputFps = double.Parse(fps.Groups[1].Value, CultureInfo.InvariantCulture);
            _outputDescribed.TrySetResult();
        }
    }

    /// <summary>Waits until ffmpeg has described its output stream (it does before the first frame).</summary>
    public bool WaitForOutput(TimeSpan timeout) => _outputDescribed.Task.Wait(timeout);

    /// <summary>One line saying why ffmpeg stopped, from what it wrote.</summary>
    public string Describe(int? exitCode)
    {
        string[] lines;
        lock (_lines)
        {
            lines = [.. _lines];
        }
        bool Said(string text) => lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
        if (Said("401 Unauthorized") || Said("authorization failed"))
        {
            return $"{name}: the camera refused the user name or password (401 Unauthorized); check the credentials in Source:Uri.";
        }
        if (Said("403 Forbidden"))
        {
            return $"{name}: the camera refused access (403 Forbidden); check the user's rights on the camera.";
        }
        if (Said("404 Not Found"))
        {
            return $"{name}: the camera has no stream at this path (404 Not Found); check the path in Source:Uri.";
        }
        if (Said("Connection refused"))
        {
            return $"{name}: connection refused (camera off or restarting, or wrong host or port).";
        }
        if (Said("timed out"))
        {
            return $"{name}: the camera did not answer (connection timed out).";
        }
        if (Said("No such file or directory"))
        {
            return $"{name}: no such file.";
        }
        var last = lines.LastOrDefault(l => !l.StartsWith(' ')) ?? "no message";
        return exitCode is { } code
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: ffmpeg exited with code {code}: {last}")
            : $"{name}: ffmpeg stopped: {last}";
    }

    [GeneratedRegex(@",\s*(\d+(?:\.\d+)?)\s+fps")]
    private static partial Regex StreamFps();

    [LoggerMessage(0, LogLevel.Debug, "ffmpeg: {Line}")]
    private static partial void LogLine(ILogger logger, string line);
}
