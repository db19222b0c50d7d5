using System.Globalization;
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

    /// <summary>E.g. "AMD EPYC; flags: avx2 avx512_vnni; 2 cores; L3 32 MiB": for memory figures too.</summary>
    public static string WithCache() => string.Create(CultureInfo.InvariantCulture,
        $"{Current()}; {Environment.ProcessorCount} cores; L3 {(L3Bytes() is { } l3 ? $"{l3 / 1048576.0:0.#} MiB" : "unknown")}");

    /// <summary>The level-3 cache of CPU 0 as the kernel reports it (sysfs), null without one.</summary>
    public static long? L3Bytes()
    {
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

    private static string ModelName()
    {
        var line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
