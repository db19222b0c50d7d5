using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Onnx;

/// <summary>What the int8 kernel rule needs to know about the CPU: its architecture and the
/// x86 flags that decide whether OnnxRuntime's u8s8 kernels saturate.</summary>
/// <param name="Flags">The CPU's flags among <see cref="Relevant"/>, as Linux names them.</param>
public sealed record CpuFeatures(Architecture Architecture, IReadOnlySet<string> Flags)
{
    public const string Avx2 = "avx2";
    public const string Avx512Vnni = "avx512_vnni";
    public const string AvxVnni = "avx_vnni";

    /// <summary>The flags that matter here, in the order they are printed.</summary>
    public static readonly IReadOnlyList<string> Relevant = [Avx2, Avx512Vnni, AvxVnni];

    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>E.g. "X64 avx2 avx512_vnni", or "Arm64".</summary>
    public override string ToString() =>
        string.Join(' ', [Architecture.ToString(), .. Relevant.Where(Has)]);

    /// <summary>This process's CPU.</summary>
    /// <remarks>
    /// The flags come from the kernel's <c>/proc/cpuinfo</c>, not from .NET's
    /// System.Runtime.Intrinsics.X86: .NET 10 has AvxVnni but no class for AVX-512 VNNI (the
    /// flag of Ice Lake, Sapphire Rapids and Zen 4 servers), and its IsSupported says whether the
    /// JIT may emit an instruction, which DOTNET_EnableAVX512F=0 and friends turn off while
    /// OnnxRuntime, reading CPUID itself, still uses it. The kernel lists a flag only when the CPU
    /// has it and the OS saves its registers, the same two things OnnxRuntime checks (CPUID and
    /// XGETBV), and it is what an operator greps. Without that file (not Linux) no flag is known
    /// and the rule takes the form that never saturates.
    /// </remarks>
    public static CpuFeatures Current(string cpuinfo = "/proc/cpuinfo") =>
        new(RuntimeInformation.ProcessArchitecture, File.Exists(cpuinfo) ? FlagsIn(File.ReadLines(cpuinfo)) : new HashSet<string>());

    /// <summary>The relevant flags on the first <c>flags</c> line of a cpuinfo text.</summary>
    public static IReadOnlySet<string> FlagsIn(IEnumerable<string> cpuinfoLines)
    {
        var line = cpuinfoLines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
        var all = line?.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return Relevant.Intersect(all, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }
}
