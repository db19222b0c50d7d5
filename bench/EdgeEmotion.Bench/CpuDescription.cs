namespace EdgeEmotion.Bench;

/// <summary>The CPU a figure came from: model name, the vector extensions that matter for int8
/// (avx512_vnni, avx_vnni, avx2) and the L3 cache size, from /proc/cpuinfo and sysfs.</summary>
public static class CpuDescription
{
    private static readonly string[] VectorFlags = ["avx512_vnni", "avx_vnni", "avx2"];
    private const string Caches = "/sys/devices/system/cpu/cpu0/cache";

    public static string Describe()
    {
        var cpuinfo = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var flags = (cpuinfo.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal))?.Split(':', 2)[1] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var vector = string.Join(' ', VectorFlags.Where(flags.Contains));
        return $"{model}, {Environment.ProcessorCount} cores, {(vector.Length > 0 ? vector : "no avx2")}, L3 {L3() ?? "unknown"}";
    }

    private static string? L3()
    {
        if (!Directory.Exists(Caches))
        {
            return null;
        }
        foreach (var index in Directory.GetDirectories(Caches, "index*"))
        {
            var level = Path.Combine(index, "level");
            if (File.Exists(level) && File.ReadAllText(level).Trim() == "3")
            {
                return File.ReadAllText(Path.Combine(index, "size")).Trim();
            }
        }
        return null;
    }
}
