namespace EdgeEmotion.Tests;

/// <summary>The contract's golden example payloads (<c>src/Contracts/golden</c>): one file per
/// message kind and variant, the exact bytes a device sends. The daemon's writer must reproduce
/// those it can make; the C# reader and the page's <c>contract.js</c> must read them all.</summary>
public static class GoldenPayloads
{
    public static string Folder => Path.Combine(RepoPaths.Root, "src", "Contracts", "golden");

    /// <summary>Every golden file's name (JSON and the plain-text status words).</summary>
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Where(n => n!.EndsWith(".json", StringComparison.Ordinal) || n.EndsWith(".txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!;

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));
}
