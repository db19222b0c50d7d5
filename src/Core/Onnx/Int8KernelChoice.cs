using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Core.Onnx;

/// <summary>The int8 form a model runs in and why, for logs and stats.</summary>
public sealed record Int8KernelChoice(Int8KernelForm Form, string Reason)
{
    /// <summary>"u8s8" or "u8u8", the words of the setting and of the stats field.</summary>
    public string Name => Int8KernelRule.Name(Form);
}
