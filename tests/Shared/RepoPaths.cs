namespace EdgeEmotion.Tests;

/// <summary>Where the repository and the shared material (<c>../shared</c> beside it) are,
/// found from the test binary's folder. Linked into every test project.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Fer2013 => Path.Combine(Shared, "data", "fer2013");

    public static string Faces => Path.Combine(Shared, "data", "faces");

    public static string Models => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeEmotion.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EdgeEmotion.sln not found above the test binaries.");
    }
}
