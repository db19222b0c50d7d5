namespace EdgeEmotion.Daemon.Options;

/// <summary><c>Model:Int8Kernels</c>: the int8 form the classifier runs (matched without case,
/// so <c>auto</c>, <c>u8s8</c>, <c>u8u8</c>).</summary>
internal enum Int8KernelsSetting
{
    /// <summary>By the CPU's features (<see cref="EdgeEmotion.Core.Onnx.Int8KernelRule"/>).</summary>
    Auto,

    /// <summary>int8 weights: for a board the rule does not know whose CPU accumulates in 32 bits.</summary>
    U8S8,

    /// <summary>uint8 weights: never saturates.</summary>
    U8U8,
}
