using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Onnx;

/// <summary>The CPU a figure came from, as the figure's table prints it: model name and the
/// flags that decide the int8 kernels; for memory figures also the core count and the L3 size
/// (.NET's GC sizes generation 0 from it). The one place every benchmark reads it from.</summary>
public static class CpuDescription
{
    private const string Caches = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>E.g. "AMD EPYC; flags: avx2 avx512_vnni".</summary>
    public static string Current()
    {
        var cpu = CpuFeatures.Current();
        var flags = string.Join(' ', CpuFeatures.Relevant.Where(cpu.Has));
        return $"{ModelName()}; flags: {(flags.Length > 0 ? flags : "none of " + string.Join(", ", CpuFeatures.Relevant))}";
    }

    /// <summary>E.g. "AMD EPYC; flags: avx2 avx512_vnni; 2 cores; L3 32768K".</summary>
    public static string WithCache() => $"{Current()}; {Environment.ProcessorCount} cores; L3 {L3Size() ?? "unknown"}";

    /// <summary>The L3 cache's size as sysfs writes it (e.g. "32768K"), or null where sysfs does not say.</summary>
    public static string? L3Size()
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

    private static string ModelName()
    {
        var line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
