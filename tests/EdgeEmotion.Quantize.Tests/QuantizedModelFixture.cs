using EdgeEmotion.Core.Datasets;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>Quantizes the shipped float model once for all tests, with calibration faces from
/// the FER2013 training split.</summary>
public sealed class QuantizedModelFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public QuantizedModelFixture()
    {
        FloatPath = Path.Combine(RepoPaths.Models, "emotion-fp32.onnx");
        Int8Path = _dir.Combine("emotion-int8.onnx");
        var train = ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.Train);
        Calibration = train.SamplePerClass(30, seed: 1);
        ModelQuantizer.Run(FloatPath, Calibration, CalibrationMethod.Percentile, 99.999, Int8Path);
        PublicTest = new FaceTensors(ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.PublicTest).SamplePerClass(60, seed: 2));
    }

    public string FloatPath { get; }
    public string Int8Path { get; }
    public FaceDataset Calibration { get; }
    public FaceTensors PublicTest { get; }

    public string Scratch(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
