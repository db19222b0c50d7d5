using System.Security.Cryptography;
using System.Text;

namespace EdgeEmotion.Tests;

/// <summary>
/// The daemon published self-contained (<c>deploy/publish.sh</c>) for one runtime, once for all
/// test projects: the daemon's arm64 proof and the package tests need the same linux-arm64
/// build, and <c>dotnet test --solution</c> runs them at the same time; likewise the collector
/// (<c>deploy/publish-collector.sh</c>, <see cref="GetCollector"/>). The build goes into the
/// repository's ignored <c>out/test-publish/</c>, in a folder named by a hash of everything the
/// publish reads (sources, models, pictures, the script, the build settings); the first test
/// process to ask publishes it under a file lock, the others wait on that lock and reuse it.
/// </summary>
public static class SelfContainedBuilds
{
    /// <summary>The version the builds are stamped with (what the daemon reports).</summary>
    public const string Version = "1.2.3";
    private static readonly TimeSpan PublishTime = TimeSpan.FromMinutes(8);
    private static readonly string[] InputFolders = ["src", "models", "samples"];
    private static readonly string[] InputFiles = ["deploy/publish.sh", "deploy/publish-collector.sh", "deploy/publish-common.sh", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];
    private static readonly Lazy<string> InputsHash = new(HashInputs);

    /// <summary>The daemon's published folder for <paramref name="rid"/> (linux-x64 or linux-arm64).</summary>
    public static string Get(string rid) => Get(rid, "publish.sh", rid);

    /// <summary>The collector's published folder for <paramref name="rid"/>.</summary>
    public static string GetCollector(string rid) => Get(rid, "publish-collector.sh", "collector-" + rid);

    private static string Get(string rid, string script, string name)
    {
        var builds = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "out", "test-publish")).FullName;
        var folder = Path.Combine(builds, $"{name}-{Version}-{InputsHash.Value}");
        var finished = folder + ".done";
        // Another test process may be publishing the same build: its lock is held for the whole
        // publish, so waiting for the lock is waiting for that build.
        using var held = Wait.ForObjectBlocking(() => TryLock(Path.Combine(builds, name + ".lock")), $"the {name} build another test process is publishing", PublishTime * 2);
        if (!File.Exists(finished))
        {
            RemoveOlderBuilds(builds, name);
            Command.Run("bash", [Path.Combine(RepoPaths.Root, "deploy", script), rid, folder], PublishTime, new Dictionary<string, string> { ["VERSION"] = Version });
            File.WriteAllText(finished, "");
        }
        return folder;
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Linux, released when closed or when the process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Builds of earlier sources are of no use and each is ~100 MB.</summary>
    private static void RemoveOlderBuilds(string builds, string name)
    {
        foreach (var old in Directory.GetDirectories(builds, name + "-*"))
        {
            File.Delete(old + ".done");
            Directory.Delete(old, recursive: true);
        }
    }

    private static string HashInputs()
    {
        var root = RepoPaths.Root;
        var files = InputFolders
            .Where(f => Directory.Exists(Path.Combine(root, f)))
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(InputFiles.Where(f => File.Exists(Path.Combine(root, f))))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
