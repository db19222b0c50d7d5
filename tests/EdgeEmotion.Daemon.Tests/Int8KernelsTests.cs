using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.OnnxGraph;
using EdgeEmotion.Daemon.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeEmotion.Daemon.Tests;

/// <summary><c>Model:Int8Kernels</c>: the form the classifier runs, chosen by this CPU's features or
/// forced, said by <c>--check-config</c>, the start line and the stats.</summary>
public class Int8KernelsTests
{
    private static readonly Int8KernelChoice Here = Int8KernelRule.Choose(CpuFeatures.Current());

    [Fact]
    public void An_unknown_form_gets_one_line_naming_key_value_and_the_forms() =>
        Assert.Equal(["Model:Int8Kernels: 'fast' is invalid: must be one of Auto, U8S8, U8U8"], ConfigCheck.Refused(ConfigCheck.DemoSource, "--Model:Int8Kernels=fast"));

    [Fact]
    public void Check_config_says_which_form_the_rule_chose_on_this_CPU_and_why()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource);
        Assert.Equal(0, exit);
        Assert.Contains($"Classifier: models/emotion-int8.onnx runs int8 kernels {Here.Name} ({Here.Reason}{ShippedWeights(Here.Form)}; CPU: {CpuFeatures.Current()}).", output);
    }

    [Theory]
    [InlineData("u8s8", "; from emotion-int8-u8s8.onnx")]
    [InlineData("u8u8", "")]
    public void A_forced_form_is_run_whatever_the_CPU_from_its_shipped_file(string form, string weights)
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, $"--Model:Int8Kernels={form}");
        Assert.Equal(0, exit);
        Assert.Matches($@"runs int8 kernels {form} \(Model:Int8Kernels={form}, set[^;]*(; auto would run [^;]*)?{System.Text.RegularExpressions.Regex.Escape(weights)}; CPU: ", output);
    }

    [Fact]
    public void A_model_shipped_in_one_form_has_its_weights_rewritten_in_memory_for_the_other()
    {
        using var folder = new TempDirectory();
        var model = folder.Combine("mine.onnx");
        File.Copy(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), model);
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, $"--Model:Path={model}", "--Model:Int8Kernels=u8s8");
        Assert.Equal(0, exit);
        Assert.Contains("runs int8 kernels u8s8 (Model:Int8Kernels=u8s8, set", output);
        Assert.Contains("; weights rewritten in memory; CPU: ", output);
    }

    [Fact]
    public void Forcing_u8s8_on_a_CPU_without_VNNI_says_what_auto_would_run()
    {
        var avx2 = new CpuFeatures(System.Runtime.InteropServices.Architecture.X64, new HashSet<string> { CpuFeatures.Avx2 });
        var forced = Int8KernelSelection.Choose(Int8KernelsSetting.U8S8, avx2);
        Assert.Equal(Int8KernelForm.U8S8, forced.Form);
        Assert.Equal("Model:Int8Kernels=u8s8, set; auto would run u8u8 here: x86 without VNNI (avx2): u8s8 would saturate in 16 bits", forced.Reason);
        Assert.Equal(Int8KernelForm.U8U8, Int8KernelSelection.Choose(Int8KernelsSetting.Auto, avx2).Form);
        Assert.Equal("Model:Int8Kernels=u8u8, set", Int8KernelSelection.Choose(Int8KernelsSetting.U8U8, avx2).Reason);
    }

    [Fact]
    public void A_float_model_says_it_runs_float()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, "--Model:Path=models/emotion-fp32.onnx", "--Model:Int8Kernels=u8s8");
        Assert.Equal(0, exit);
        Assert.Contains("Classifier: models/emotion-fp32.onnx runs float (no symmetric 8-bit weights; Model:Int8Kernels does not apply;", output);
    }

    [Fact]
    public async Task The_start_line_and_the_stats_carry_the_form()
    {
        using var state = new TempDirectory();
        var (builder, log) = RecordedDemoDaemon.Create("kiosk-int8", state.Path);
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            await Wait.Until(() => log.Lines.Any(l => l.Contains("starting: classifier", StringComparison.Ordinal)), "the start line");
            var line = log.Lines.Single(l => l.Contains("starting: classifier", StringComparison.Ordinal));
            Assert.Contains($"runs int8 kernels {Here.Name} ({Here.Reason}{ShippedWeights(Here.Form)}; CPU: ", line);
            Assert.Equal(Here.Name, host.Services.GetRequiredService<PipelineStats>().Int8Kernels);
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>How the shipped model's weights reach a form: u8u8 is the file itself, u8s8 its form file beside it.</summary>
    private static string ShippedWeights(Int8KernelForm form) => form == Int8KernelForm.U8S8 ? "; from emotion-int8-u8s8.onnx" : "";
}
