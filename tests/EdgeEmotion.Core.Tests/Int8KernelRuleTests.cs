using System.Runtime.InteropServices;

namespace EdgeEmotion.Core.Tests;

/// <summary>Every branch of the rule, on fake feature sets (this machine is only one of them).</summary>
public class Int8KernelRuleTests
{
    private static CpuFeatures Cpu(Architecture architecture, params string[] flags) => new(architecture, flags.ToHashSet());

    [Theory]
    [InlineData(CpuFeatures.Avx2, CpuFeatures.Avx512Vnni)] // Ice Lake, Sapphire Rapids, Zen 4 servers
    [InlineData(CpuFeatures.Avx2, CpuFeatures.AvxVnni)] // Alder Lake and later desktops: VEX-coded VNNI, no AVX-512
    [InlineData(CpuFeatures.Avx512Vnni)]
    public void X86_with_VNNI_runs_u8s8(params string[] flags)
    {
        var choice = Int8KernelRule.Choose(Cpu(Architecture.X64, flags));
        Assert.Equal(Int8KernelForm.U8S8, choice.Form);
        Assert.Contains(flags.Last(), choice.Reason);
    }

    [Theory]
    [InlineData(CpuFeatures.Avx2)] // Haswell to Skylake client, Zen 1-3: vpmaddubsw saturates
    [InlineData]
    public void X86_without_VNNI_never_runs_u8s8(params string[] flags)
    {
        Assert.Equal(Int8KernelForm.U8U8, Int8KernelRule.Choose(Cpu(Architecture.X64, flags)).Form);
        Assert.Equal(Int8KernelForm.U8U8, Int8KernelRule.Choose(Cpu(Architecture.X86, flags)).Form);
    }

    [Theory]
    [InlineData]
    [InlineData("fp", "asimd", "asimddp")] // the flags of ARM64 never change the choice
    public void Arm64_runs_u8s8(params string[] flags)
    {
        // OnnxRuntime's faster form there; the arm64 proof under qemu runs it from its file (Arm64ProofTests).
        var choice = Int8KernelRule.Choose(Cpu(Architecture.Arm64, flags));
        Assert.Equal(Int8KernelForm.U8S8, choice.Form);
        Assert.Contains("ARM64", choice.Reason);
    }

    [Theory]
    [InlineData(Architecture.Arm)]
    [InlineData(Architecture.RiscV64)]
    [InlineData(Architecture.LoongArch64)]
    public void A_CPU_the_rule_does_not_know_runs_the_form_that_never_saturates(Architecture architecture)
    {
        var choice = Int8KernelRule.Choose(Cpu(architecture, CpuFeatures.Avx512Vnni));
        Assert.Equal(Int8KernelForm.U8U8, choice.Form);
        Assert.Contains(architecture.ToString(), choice.Reason);
    }

    [Fact]
    public void The_flags_are_read_from_cpuinfo_as_the_kernel_lists_them()
    {
        string[] cpuinfo =
        [
            "processor\t: 0",
            "model name\t: AMD EPYC",
            "flags\t\t: fpu sse2 avx avx2 avx512f avx512vnni_fake avx512_vnni gfni",
            "processor\t: 1",
            "flags\t\t: fpu avx_vnni",
        ];
        Assert.Equal(["avx2", "avx512_vnni"], CpuFeatures.FlagsIn(cpuinfo).Order(StringComparer.Ordinal));
        Assert.Empty(CpuFeatures.FlagsIn(["processor\t: 0", "Features\t: fp asimd asimddp"])); // ARM64 names them Features
    }

    [Fact]
    public void Without_cpuinfo_no_flag_is_known_and_x86_runs_u8u8()
    {
        var cpu = CpuFeatures.Current("/nonexistent/cpuinfo");
        Assert.Empty(cpu.Flags);
        if (cpu.Architecture is Architecture.X64 or Architecture.X86)
        {
            Assert.Equal(Int8KernelForm.U8U8, Int8KernelRule.Choose(cpu).Form);
        }
    }
}
