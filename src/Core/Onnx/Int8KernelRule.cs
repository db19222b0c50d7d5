using System.Runtime.InteropServices;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Core.Onnx;

/// <summary>
/// Which int8 kernels are fast and correct on a CPU. u8s8 (int8 weights) on x86 with AVX-512 VNNI
/// or AVX-VNNI, where vpdpbusd adds uint8 x int8 products into int32 (OnnxRuntime's fastest
/// kernels there), and on ARM64, where OnnxRuntime's guidance is that u8s8 loses no accuracy and
/// is faster on low-end cores (Cortex-A72, as in a Raspberry Pi 4) and no slower on high-end ones
/// (the arm64 proof under qemu runs it and agrees with x64). u8u8 (uint8 weights) on x86 without VNNI, where u8s8
/// goes through vpmaddubsw's saturating int16 and silently clips, and on any CPU this rule does
/// not know.
/// </summary>
/// <remarks>
/// Both forms are shipped as files (emotion-int8.onnx u8u8, emotion-int8-u8s8.onnx, see
/// <see cref="Int8FormFile"/>), so no CPU the rule knows rewrites weights in memory. That matters
/// for the arm64 proof under qemu-user 7.2: there the daemon with OnnxRuntime 1.31.1 crashes after
/// any in-memory rewrite (a NullReferenceException in .NET's options code, even when the rewrite
/// is discarded and OnnxRuntime gets the unchanged file; it runs under
/// <c>qemu-aarch64 -singlestep</c>), while u8s8 weights read from a file run correctly.
/// </remarks>
public static class Int8KernelRule
{
    public static Int8KernelChoice Choose(CpuFeatures cpu) => cpu.Architecture switch
    {
        Architecture.Arm64 => new(Int8KernelForm.U8S8, "ARM64: u8s8 is OnnxRuntime's faster form there, without loss of accuracy"),
        Architecture.X64 or Architecture.X86 when cpu.Has(CpuFeatures.Avx512Vnni) || cpu.Has(CpuFeatures.AvxVnni) =>
            new(Int8KernelForm.U8S8, $"x86 with {(cpu.Has(CpuFeatures.Avx512Vnni) ? CpuFeatures.Avx512Vnni : CpuFeatures.AvxVnni)}: VNNI accumulates u8s8 in 32 bits"),
        Architecture.X64 or Architecture.X86 =>
            new(Int8KernelForm.U8U8, $"x86 without VNNI{(cpu.Has(CpuFeatures.Avx2) ? " (avx2)" : "")}: u8s8 would saturate in 16 bits"),
        _ => new(Int8KernelForm.U8U8, $"{cpu.Architecture} is not a CPU the rule knows: the form that never saturates"),
    };

    public static string Name(Int8KernelForm form) => form switch
    {
        Int8KernelForm.U8S8 => "u8s8",
        Int8KernelForm.U8U8 => "u8u8",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };
}
