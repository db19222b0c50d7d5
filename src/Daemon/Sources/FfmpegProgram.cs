namespace EdgeEmotion.Daemon.Sources;

/// <summary>Where the ffmpeg program is: <c>Source:FfmpegPath</c>, or <c>ffmpeg</c> on PATH.</summary>
internal static class FfmpegProgram
{
    public static string Find(string configuredPath, string setting)
    {
        if (configuredPath.Length > 0)
        {
            return File.Exists(configuredPath)
                ? configuredPath
                : throw new UserInputException($"Source:FfmpegPath '{configuredPath}' does not exist; {setting} is played through ffmpeg.");
        }
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "ffmpeg"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new UserInputException(
            $"{setting} is played through ffmpeg, which is not on PATH: install Debian's package (apt-get install ffmpeg) or set Source:FfmpegPath.");
    }
}
