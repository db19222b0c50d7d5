namespace EdgeEmotion.Quantize.Qdq;

public sealed record QuantizationSettings(CalibrationMethod Method, double Percentile, int CalibrationImages, string SourceSha256);
