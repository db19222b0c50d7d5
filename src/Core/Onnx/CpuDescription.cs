using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Onnx;

/// <summary>The CPU a figure came from, as the figure's table prints it: model name and the
/// flags that decide the int8 kernels.</summary>
public static class CpuDescription
{
    /// <summary>E.g. "AMD EPYC; flags: avx2 avx512_vnni".</summary>
    public static string Current()
    {
        var cpu = CpuFeatures.Current();
        var flags = string.Join(' ', CpuFeatures.Relevant.Where(cpu.Has));
        return $"{ModelName()}; flags: {(flags.Length > 0 ? flags : "none of " + string.Join(", ", CpuFeatures.Relevant))}";
    }

    private static string ModelName()
    {
        var line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
