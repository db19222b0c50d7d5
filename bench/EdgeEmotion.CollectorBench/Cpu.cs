namespace EdgeEmotion.CollectorBench;

internal static class Cpu
{
    private static readonly string[] Flags = ["avx512_vnni", "avx_vnni", "avx2"];

    public static string Describe()
    {
        var info = File.ReadAllText("/proc/cpuinfo");
        var model = info.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var flags = Flags.Where(f => info.Contains(" " + f, StringComparison.Ordinal));
        return $"{model}, {Environment.ProcessorCount} cores, flags {string.Join(' ', flags)}";
    }
}
