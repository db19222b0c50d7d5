using System.Runtime.InteropServices;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Core.Onnx;

/// <summary>
/// Which int8 kernels are fast and correct on a CPU. u8s8 (int8 weights) on x86 with AVX-512 VNNI
/// or AVX-VNNI, where vpdpbusd adds uint8 x int8 products into int32 (OnnxRuntime's fastest
/// kernels there). u8u8 (uint8 weights) on x86 without VNNI, where u8s8 goes through vpmaddubsw's
/// saturating int16 and silently clips, and on any CPU this rule does not know.
/// </summary>
/// <remarks>
/// ARM64 runs u8u8 for now, although OnnxRuntime's guidance is that u8s8 is faster there on
/// low-end cores and no slower on high-end ones: no board has run u8s8 yet. Under qemu-user 7.2
/// the linux-arm64 daemon with OnnxRuntime 1.31.1 crashes after any in-memory rewrite (a
/// NullReferenceException in .NET's options code), but the cause is the emulator, not the u8s8
/// kernels nor the rewrite: the same u8s8 weights read from a file run correctly, the daemon still
/// crashes when it rewrites and then hands OnnxRuntime the unchanged file (u8u8 kernels), and it
/// runs correctly with the rewrite under <c>qemu-aarch64 -singlestep</c>. On a board,
/// <c>Model:Int8Kernels=u8s8</c> tries it.
/// </remarks>
public static class Int8KernelRule
{
    public static Int8KernelChoice Choose(CpuFeatures cpu) => cpu.Architecture switch
    {
        Architecture.Arm64 => new(Int8KernelForm.U8U8, "ARM64: u8s8 is unproven on a board (the emulator crashes after its rewrite), u8u8 runs correctly"),
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
