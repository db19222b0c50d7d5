using System.Text.Json;

namespace EdgeEmotion.Training;

/// <summary>Reads the JSON files a run folder keeps (state, temperature, metrics, calibration):
/// null where the file is not there, so a resumed run or a report tells "not made yet" from a
/// figure.</summary>
internal static class RunFiles
{
    public static T? ReadIfPresent<T>(string path, JsonSerializerOptions options) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), options) : null;

    /// <summary><paramref name="runDirectoryOrFile"/> is a run folder holding <paramref name="fileName"/>,
    /// or a copy of that file given by its own path.</summary>
    public static T? ReadFromRun<T>(string runDirectoryOrFile, string fileName, JsonSerializerOptions options) where T : class =>
        ReadIfPresent<T>(File.Exists(runDirectoryOrFile) ? runDirectoryOrFile : Path.Combine(runDirectoryOrFile, fileName), options);
}
