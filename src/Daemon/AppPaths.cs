namespace EdgeEmotion.Daemon;

/// <summary>Where a relative path from the settings (a model, an image folder, a video file) is:
/// tried against the working directory, then the program's folder, where the build copies the
/// models and the demo pictures.</summary>
internal static class AppPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }
        var beside = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(beside) || Directory.Exists(beside) ? beside : path;
    }
}
