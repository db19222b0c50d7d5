using EdgeEmotion.Tests;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The bundled demo pictures and how many people each shows, counted by eye on the
/// photographs (group-1 has a back row of partly hidden faces: counted 51, ±3).</summary>
public static class DemoPictures
{
    public static string Folder => Path.Combine(RepoPaths.Root, "samples", "demo");

    public static IReadOnlyDictionary<string, int> People { get; } = new Dictionary<string, int>
    {
        ["group-1.jpg"] = 51,
        ["group-10.jpg"] = 19,
        ["group-13.jpg"] = 2,
        ["group-19.jpg"] = 5,
        ["group-2.jpg"] = 4,
        ["group-20.jpg"] = 10,
        ["group-23.jpg"] = 3,
    };

    /// <summary>People in the pictures in the order the image source plays them.</summary>
    public static int[] InPlayOrder => [.. People.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)];
}
