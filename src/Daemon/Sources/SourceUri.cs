namespace EdgeEmotion.Daemon.Sources;

/// <summary>The kind of frame source a <c>Source:Uri</c> names. Public, unlike the daemon's other
/// types: a test theory takes it as a parameter.</summary>
public enum SourceKind
{
    V4l2,
    OpenCvCamera,
    /// <summary>A video file, played by ffmpeg.</summary>
    VideoFile,
    /// <summary>An RTSP(S) camera, played by ffmpeg.</summary>
    RtspStream,
    /// <summary>HTTP: read as MJPEG by the daemon, or by ffmpeg when the stream is something else.</summary>
    MjpegHttp,
    Images,
}

/// <summary>
/// The parsed <c>Source:Uri</c> setting. <see cref="Realtime"/> false (<c>?realtime=false</c> on a
/// file or image folder) makes a recording wait for the analysis instead of dropping frames, so
/// every frame is analysed: for replaying recordings and comparing builds.
/// </summary>
internal sealed record SourceUri(SourceKind Kind, string Target, bool Loop, double Fps, bool Realtime = true)
{
    /// <summary>The parameters a file, folder or device URI may carry (a camera's URL keeps its own query).</summary>
    private static readonly string[] KnownParameters = ["fps", "loop", "realtime"];

    public static SourceUri Parse(string text)
    {
        var shown = CredentialMask.Apply(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new UserInputException($"Source:Uri '{shown}' has no scheme; use v4l2:///dev/video0, opencv:0, file:///path?loop=true, rtsp://host/…, http(s)://…, or images:///folder?fps=5&loop=false.");
        }
        var scheme = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0 && scheme is not ("rtsp" or "rtsps" or "http" or "https"))
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (scheme is "rtsp" or "rtsps" or "http" or "https" && text.Any(char.IsControl))
        {
            // ffmpeg reads a camera's URL as one line of a script (FfconcatScript); no valid URL has one.
            throw new UserInputException($"Source:Uri '{shown}' contains a control character (a line break or tab); a URL cannot.");
        }
        var path = rest.StartsWith("//", StringComparison.Ordinal) ? rest[2..] : rest;
        var parameters = Parameters(query, shown);
        var loop = Flag(parameters, "loop", shown);
        var realtime = Flag(parameters, "realtime", shown) ?? true;
        var fps = 0.0;
        // IsFinite: "NaN" parses as a number and passes both comparisons.
        if (parameters.TryGetValue("fps", out var f) && (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out fps) || !double.IsFinite(fps) || fps <= 0 || fps > 240))
        {
            throw new UserInputException($"Source:Uri '{shown}': parameter fps must be a number above 0 and at most 240, not '{f}'.");
        }
        if (!realtime && scheme is not ("file" or "images"))
        {
            throw new UserInputException($"Source:Uri '{shown}': realtime=false applies to file: and images: sources only.");
        }
        return scheme switch
        {
            "v4l2" => new SourceUri(SourceKind.V4l2, NonEmpty(path, shown), false, fps),
            "opencv" when int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out _) => new SourceUri(SourceKind.OpenCvCamera, path, false, fps),
            "opencv" => throw new UserInputException($"Source:Uri '{shown}': opencv: takes a camera index, e.g. opencv:0."),
            "file" => new SourceUri(SourceKind.VideoFile, NonEmpty(path, shown), loop ?? false, fps, realtime),
            "rtsp" or "rtsps" => new SourceUri(SourceKind.RtspStream, text, false, fps),
            "http" or "https" when System.Uri.TryCreate(text, UriKind.Absolute, out _) => new SourceUri(SourceKind.MjpegHttp, text, false, fps),
            "http" or "https" => throw new UserInputException($"Source:Uri '{shown}' is not a valid URL."),
            "images" => new SourceUri(SourceKind.Images, NonEmpty(path, shown), loop ?? true, fps > 0 ? fps : 5, realtime),
            _ => throw new UserInputException($"Source:Uri '{shown}': unknown scheme '{scheme}'; use v4l2, opencv, file, rtsp(s), http(s) or images."),
        };
    }

    private static Dictionary<string, string> Parameters(string query, string shown)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = parts[0].ToLowerInvariant();
            if (!KnownParameters.Contains(name))
            {
                throw new UserInputException($"Source:Uri '{shown}': unknown parameter '{parts[0]}'; known: {string.Join(", ", KnownParameters)}.");
            }
            if (!parameters.TryAdd(name, parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "true"))
            {
                throw new UserInputException($"Source:Uri '{shown}': parameter {name} is given twice.");
            }
        }
        return parameters;
    }

    private static bool? Flag(Dictionary<string, string> parameters, string name, string shown) =>
        !parameters.TryGetValue(name, out var value) ? null : value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new UserInputException($"Source:Uri '{shown}': parameter {name} must be true or false, not '{value}'."),
        };

    private static string NonEmpty(string path, string shown) =>
        path.Length > 0 ? path : throw new UserInputException($"Source:Uri '{shown}' names no device, file or folder.");

    /// <summary>The URI without user name and password, for logs.</summary>
    public string Display => $"{Kind}:{CredentialMask.Apply(Target)}";
}
