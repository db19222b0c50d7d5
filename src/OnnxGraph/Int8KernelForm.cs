namespace EdgeEmotion.OnnxGraph;

/// <summary>How an int8 QDQ model's weights are stored, which decides OnnxRuntime's integer
/// kernels: uint8 activations times int8 weights (u8s8) or times uint8 weights (u8u8).</summary>
public enum Int8KernelForm
{
    /// <summary>Weights int8, zero point 0: the fastest kernels on VNNI x86 and, by OnnxRuntime's
    /// guidance, on ARM64 (see Int8KernelRule); on x86 without VNNI they add pairs of products into
    /// a saturating int16 and clip.</summary>
    U8S8,

    /// <summary>Weights uint8 around 128: never saturates, slower where u8s8 has VNNI.</summary>
    U8U8,
}
