using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Daemon.Classification;

/// <summary><c>Model:Int8Kernels</c> applied to a CPU: the rule's choice, or the forced form.</summary>
internal static class Int8KernelSelection
{
    public static Int8KernelChoice Choose(Int8KernelsSetting setting, CpuFeatures cpu) => setting switch
    {
        Int8KernelsSetting.Auto => Int8KernelRule.Choose(cpu),
        Int8KernelsSetting.U8S8 => Forced(Int8KernelForm.U8S8, cpu),
        Int8KernelsSetting.U8U8 => Forced(Int8KernelForm.U8U8, cpu),
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    /// <summary>How the classifier's model runs, in one phrase for the start line and --check-config:
    /// the form, why, and which file's weights (the model's own, its form file, or rewritten in memory).</summary>
    public static string Describe(EmotionModel model, Int8KernelChoice choice, CpuFeatures cpu) =>
        model.Int8Kernels is { } form
            ? $"int8 kernels {Int8KernelRule.Name(form)} ({choice.Reason}{model.Weights.Phrase}; CPU: {cpu})"
            : $"float (no symmetric 8-bit weights; Model:Int8Kernels does not apply; CPU: {cpu})";

    /// <summary>A forced form names the setting, and the rule's form when it differs (u8s8 forced on
    /// a CPU without VNNI saturates: the log should say so).</summary>
    private static Int8KernelChoice Forced(Int8KernelForm form, CpuFeatures cpu)
    {
        var rule = Int8KernelRule.Choose(cpu);
        var differs = rule.Form == form ? "" : $"; auto would run {rule.Name} here: {rule.Reason}";
        return new(form, $"{ModelOptions.Section}:{nameof(ModelOptions.Int8Kernels)}={Int8KernelRule.Name(form)}, set{differs}");
    }
}
