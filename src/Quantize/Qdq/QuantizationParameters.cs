namespace EdgeEmotion.Quantize.Qdq;

/// <summary>Affine uint8 quantization of an activation: real = scale * (q - zeroPoint).</summary>
public readonly record struct ActivationQuantization(float Scale, byte ZeroPoint)
{
    public static ActivationQuantization FromRange(float lo, float hi)
    {
        lo = Math.Min(lo, 0f);
        hi = Math.Max(hi, 0f);
        if (hi - lo < 1e-12f)
        {
            return new ActivationQuantization(1f, 0);
        }
        var scale = (hi - lo) / 255f;
        var zero = (byte)Math.Clamp(MathF.Round(-lo / scale), 0, 255);
        return new ActivationQuantization(scale, zero);
    }
}

/// <summary>Symmetric per-output-channel weights stored as uint8 around zero point 128:
/// real = scale[c] * (q - 128), q in 1..255.</summary>
/// <remarks>
/// Not int8: x86 CPUs with AVX2 or AVX-512 but without VNNI multiply uint8 activations by int8
/// weights with <c>vpmaddubsw</c>, which adds two products into a saturating int16 (255 * 127 * 2
/// overflows it), and OnnxRuntime's u8s8 kernels then silently clip. Measured on such a machine
/// (AMD EPYC, AVX2 only): the int8-weight model agreed with float on 79 % of PublicTest faces;
/// 7-bit int8 weights (OnnxRuntime's <c>reduce_range</c>) on 97.7 %; uint8 weights, which
/// OnnxRuntime multiplies in 16/32-bit lanes (u8u8) on every CPU, on 98.7 %, as the int8 model did on
/// VNNI. The cost is speed on VNNI CPUs (u8s8 is their fastest kernel); correct numbers everywhere
/// come first.
/// </remarks>
public sealed record WeightQuantization(byte[] Values, float[] Scales)
{
    public const byte ZeroPoint = 128;

    private const int MaxMagnitude = 127;

    public static WeightQuantization PerChannel(ReadOnlySpan<float> weights, int channels)
    {
        var perChannel = weights.Length / channels;
        var values = new byte[weights.Length];
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var row = weights.Slice(c * perChannel, perChannel);
            var maxAbs = 0f;
            foreach (var w in row)
            {
                maxAbs = MathF.Max(maxAbs, MathF.Abs(w));
            }
            var scale = maxAbs > 0 ? maxAbs / MaxMagnitude : 1f;
            scales[c] = scale;
            for (var k = 0; k < perChannel; k++)
            {
                values[(c * perChannel) + k] = (byte)(ZeroPoint + Math.Clamp(MathF.Round(row[k] / scale), -MaxMagnitude, MaxMagnitude));
            }
        }
        return new WeightQuantization(values, scales);
    }
}
