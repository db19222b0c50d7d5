using EdgeEmotion.Deploy.Tests;

// One set of builds for the whole test assembly, without putting every class in one collection:
// the classes run in parallel, and whichever asks first builds (the Lazy values are thread-safe,
// so a second class asking meanwhile waits for that build).
[assembly: AssemblyFixture(typeof(PackageBuilds))]
// Lintian and the upgrade on a board take the longest: they start first (RunsForMinutes).
[assembly: TestCollectionOrderer(typeof(MinutesLongClassesFirst))]

namespace EdgeEmotion.Deploy.Tests;

/// <summary>Self-contained builds for linux-x64 and linux-arm64 (shared with the daemon's tests,
/// see <see cref="SelfContainedBuilds"/>) and the Debian packages made from them (amd64 at two
/// versions, for the upgrade), each built once per test run when a test first asks for it (the
/// systemd tests need only amd64), and the collector's amd64 package. Asked for from several test classes at once: each build is a
/// <see cref="Lazy{T}"/> in its default thread-safe mode (one thread builds, the others wait).</summary>
public sealed class PackageBuilds : IDisposable
{
    /// <summary>The version the builds are stamped with (what the daemon reports).</summary>
    public const string Version = SelfContainedBuilds.Version;
    public const string UpgradeVersion = "1.2.4";
    private static readonly TimeSpan BuildTime = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _dir = new();
    private readonly Lazy<string> _x64;
    private readonly Lazy<string> _arm64;
    private readonly Lazy<string> _amd64Deb;
    private readonly Lazy<string> _amd64DebUpgrade;
    private readonly Lazy<string> _arm64Deb;
    private readonly Lazy<string> _collectorAmd64Deb;

    public PackageBuilds()
    {
        _x64 = new(() => SelfContainedBuilds.Get("linux-x64"));
        _arm64 = new(() => SelfContainedBuilds.Get("linux-arm64"));
        // Lintian reads this one and calls an uncompressed package an error: compressed, at the
        // fastest level. The others are stored uncompressed (packing each took 7 s of CPU).
        _amd64Deb = new(() => Package("amd64", Version, X64, compressLevel: 1));
        // The same build packaged as a higher version: an upgrade as dpkg and systemd see it.
        _amd64DebUpgrade = new(() => Package("amd64", UpgradeVersion, X64, compressLevel: 0));
        _arm64Deb = new(() => Package("arm64", Version, Arm64, compressLevel: 0));
        // The collector's own package (deploy/debian/build-collector-deb.sh), from its own publish.
        _collectorAmd64Deb = new(() => CollectorPackage("amd64", "linux-x64"));
    }

    public string X64 => _x64.Value;

    public string Arm64 => _arm64.Value;

    public string Amd64Deb => _amd64Deb.Value;

    public string Amd64DebUpgrade => _amd64DebUpgrade.Value;

    public string Arm64Deb => _arm64Deb.Value;

    public string CollectorAmd64Deb => _collectorAmd64Deb.Value;

    /// <summary>The folder the packages are built into (a container that binds it sees those
    /// built later too).</summary>
    public string DebFolder => Directory.CreateDirectory(_dir.Combine("debs")).FullName;

    public static string Script(params string[] parts) => Path.Combine([RepoPaths.Root, "deploy", .. parts]);

    private string Package(string arch, string version, string publish, int compressLevel) =>
        Command.Run("bash", [Script("debian", "build-deb.sh"), arch, version, _dir.Combine("debs")], BuildTime,
            new Dictionary<string, string>
            {
                ["PUBLISH_DIR"] = publish,
                ["DEB_COMPRESS_LEVEL"] = compressLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }).Trim().Split('\n')[^1];

    private string CollectorPackage(string arch, string rid)
    {
        var publish = _dir.Combine("collector-" + rid);
        Command.Run("bash", [Script("publish-collector.sh"), rid, publish], BuildTime, new Dictionary<string, string> { ["VERSION"] = Version });
        return Command.Run("bash", [Script("debian", "build-collector-deb.sh"), arch, Version, DebFolder], BuildTime,
            new Dictionary<string, string> { ["PUBLISH_DIR"] = publish, ["DEB_COMPRESS_LEVEL"] = "0" }).Trim().Split('\n')[^1];
    }

    public void Dispose() => _dir.Dispose();
}
