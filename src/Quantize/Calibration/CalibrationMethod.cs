namespace EdgeEmotion.Quantize.Calibration;

/// <summary>How an activation's quantization range is chosen from calibration data.</summary>
public enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen.</summary>
    MinMax,

    /// <summary>The range that holds a given percentile of the absolute values (clips rare outliers).</summary>
    Percentile,
}
