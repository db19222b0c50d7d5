using System.Text;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// A camera's URL as ffmpeg's concat demuxer reads it from standard input (<c>-f concat -i pipe:0</c>):
/// a child's command line and environment are readable by every local user (<c>ps -ef</c>,
/// <c>/proc/PID/cmdline</c>), the pipe to its standard input only by its owner. In Debian 12's
/// ffmpeg 5.1 the concat demuxer is what reads an input's URL and its options from a file or pipe
/// (reading option values from files came in later versions); the script's <c>option</c> lines
/// are the options for opening the camera (<c>-rtsp_transport tcp</c> etc. before <c>-i</c>).
/// </summary>
internal static class FfconcatScript
{
    public static string For(string url, IEnumerable<(string Name, string Value)> options)
    {
        var script = new StringBuilder("ffconcat version 1.0\n");
        script.Append("file ").Append(Quoted(url)).Append('\n');
        foreach (var (name, value) in options)
        {
            script.Append("option ").Append(name).Append(' ').Append(Quoted(value)).Append('\n');
        }
        return script.ToString();
    }

    /// <summary>ffmpeg's quoting (av_get_token): inside single quotes nothing is special but the
    /// closing quote, which is written as <c>'\''</c>. A line break would end the directive, so
    /// it cannot be part of a URL here (nor is it valid in one).</summary>
    private static string Quoted(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? throw new ArgumentException("a line break cannot be passed to ffmpeg's concat script", nameof(text))
            : "'" + text.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
