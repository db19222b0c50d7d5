using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeEmotion.Bench;

/// <summary>What a memory or speed figure depends on: the CPU's model, the SIMD flags the kernels
/// use, and the L3 size the workstation GC sizes generation 0 from (README: every figure names them).</summary>
public static class MachineInfo
{
    private static readonly string[] SimdFlags = ["avx2", "avx512_vnni", "avx_vnni", "asimddp"];

    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"CPU {CpuModel()}; flags {string.Join(' ', Flags().DefaultIfEmpty("none"))}; L3 {(L3Bytes() is { } l3 ? $"{l3 / 1048576.0:0.#} MiB" : "unknown")}; {Environment.ProcessorCount} cores");

    public static string CpuModel()
    {
        var line = CpuInfo().FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    public static IEnumerable<string> Flags()
    {
        var line = CpuInfo().FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal));
        var present = line?.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) ?? [];
        return SimdFlags.Where(present.Contains);
    }

    /// <summary>The level-3 cache of CPU 0 as the kernel reports it (sysfs), null without one.</summary>
    public static long? L3Bytes()
    {
        const string Caches = "/sys/devices/system/cpu/cpu0/cache";
        if (!Directory.Exists(Caches))
        {
            return null;
        }
        foreach (var index in Directory.EnumerateDirectories(Caches, "index*"))
        {
            var level = Path.Combine(index, "level");
            var size = Path.Combine(index, "size");
            if (File.Exists(level) && File.ReadAllText(level).Trim() == "3" && File.Exists(size))
            {
                return Bytes(File.ReadAllText(size).Trim());
            }
        }
        return null;
    }

    /// <summary>sysfs writes sizes as "32768K" (or "M").</summary>
    private static long Bytes(string size) => size[^1] switch
    {
        'K' => long.Parse(size[..^1], CultureInfo.InvariantCulture) * 1024,
        'M' => long.Parse(size[..^1], CultureInfo.InvariantCulture) * 1048576,
        _ => long.Parse(size, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<string> CpuInfo() => File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo") : [];
}
