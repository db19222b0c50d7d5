using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Quantize.Calibration;

/// <summary>What the calibration feeds the float model: samples of one shape laid end to end,
/// run <paramref name="BatchSize"/> at a time (1 for a graph with a fixed batch of one).</summary>
/// <param name="SampleShape">One sample's dimensions, without the batch.</param>
public sealed record CalibrationInputs(long[] SampleShape, float[] Values, int BatchSize)
{
    public int SampleLength { get; } = (int)SampleShape.Aggregate(1L, (a, b) => a * b);

    public int Count => Values.Length / SampleLength;

    /// <summary>Faces as the emotion model reads them, 32 to a run.</summary>
    public static CalibrationInputs Faces(FaceTensors faces) =>
        new([1, FacePreprocessor.Size, FacePreprocessor.Size], faces.Values, 32);
}
