using EdgeEmotion.Tests;

namespace EdgeEmotion.Deploy.Tests;

/// <summary>Self-contained builds for linux-x64 and linux-arm64 and the Debian packages made from
/// them (amd64 at two versions, for the upgrade), built once for the package tests.</summary>
public sealed class PackageBuilds : IDisposable
{
    private static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _dir = new();

    public PackageBuilds()
    {
        X64 = Publish("linux-x64");
        Arm64 = Publish("linux-arm64");
        Amd64Deb = Package("amd64", "1.0.0", X64);
        Amd64DebUpgrade = Package("amd64", "1.0.1", X64);
        Arm64Deb = Package("arm64", "1.0.0", Arm64);
    }

    public string X64 { get; }

    public string Arm64 { get; }

    public string Amd64Deb { get; }

    public string Amd64DebUpgrade { get; }

    public string Arm64Deb { get; }

    public static string Script(params string[] parts) => Path.Combine([RepoPaths.Root, "deploy", .. parts]);

    private string Publish(string rid)
    {
        var output = _dir.Combine("publish", rid);
        Command.Run("bash", [Script("publish.sh"), rid, output], BuildTime);
        return output;
    }

    private string Package(string arch, string version, string publish) =>
        Command.Run("bash", [Script("debian", "build-deb.sh"), arch, version, _dir.Combine("debs")], BuildTime,
            new Dictionary<string, string> { ["PUBLISH_DIR"] = publish }).Trim().Split('\n')[^1];

    public void Dispose() => _dir.Dispose();
}

/// <summary>The package tests share one set of builds.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageBuilds>
{
    public const string Name = "packages";
}
