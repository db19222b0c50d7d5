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

/// <summary>Symmetric per-output-channel int8 weights: real = scale[c] * q.</summary>
public sealed record WeightQuantization(sbyte[] Values, float[] Scales)
{
    public static WeightQuantization PerChannel(ReadOnlySpan<float> weights, int channels)
    {
        var perChannel = weights.Length / channels;
        var values = new sbyte[weights.Length];
        var scales = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var row = weights.Slice(c * perChannel, perChannel);
            var maxAbs = 0f;
            foreach (var w in row)
            {
                maxAbs = MathF.Max(maxAbs, MathF.Abs(w));
            }
            var scale = maxAbs > 0 ? maxAbs / 127f : 1f;
            scales[c] = scale;
            for (var k = 0; k < perChannel; k++)
            {
                values[(c * perChannel) + k] = (sbyte)Math.Clamp(MathF.Round(row[k] / scale), -127, 127);
            }
        }
        return new WeightQuantization(values, scales);
    }
}
