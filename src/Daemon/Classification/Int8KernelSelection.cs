using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Daemon.Classification;

/// <summary><c>Model:Int8Kernels</c> applied to a CPU: the rule's choice, or the forced form.</summary>
public static class Int8KernelSelection
{
    public static Int8KernelChoice Choose(Int8KernelsSetting setting, CpuFeatures cpu) => setting switch
    {
        Int8KernelsSetting.Auto => Int8KernelRule.Choose(cpu),
        Int8KernelsSetting.U8S8 => Forced(Int8KernelForm.U8S8),
        Int8KernelsSetting.U8U8 => Forced(Int8KernelForm.U8U8),
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, null),
    };

    /// <summary>How the classifier's model runs, in one phrase for the start line and --check-config.</summary>
    public static string Describe(EmotionModel model, Int8KernelChoice choice, CpuFeatures cpu) =>
        model.Int8Kernels is { } form
            ? $"int8 kernels {Int8KernelRule.Name(form)} ({choice.Reason}; CPU: {cpu})"
            : $"float (no symmetric 8-bit weights; Model:Int8Kernels does not apply; CPU: {cpu})";

    private static Int8KernelChoice Forced(Int8KernelForm form) =>
        new(form, $"{ModelOptions.Section}:{nameof(ModelOptions.Int8Kernels)}={Int8KernelRule.Name(form)}, set");
}
