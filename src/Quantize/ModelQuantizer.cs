using EdgeEmotion.Quantize.Qdq;

namespace EdgeEmotion.Quantize;

/// <summary>Float ONNX + calibration faces → int8 QDQ ONNX, checked against the contract.</summary>
public static class ModelQuantizer
{
    public static void Run(string floatPath, FaceDataset calibration, CalibrationMethod method, double percentile, string outputPath)
    {
        string sha256;
        using (var floatModel = EmotionModel.Load(floatPath))
        {
            sha256 = floatModel.Sha256;
        }
        if (calibration.Count == 0)
        {
            throw new UserInputException("The calibration set is empty.");
        }
        var model = OnnxFile.Read(floatPath);
        var tensors = QdqQuantizer.TensorsToCalibrate(model);
        var ranges = Calibrator.Collect(model, new FaceTensors(calibration), tensors);
        var quantized = QdqQuantizer.Quantize(model, ranges, new QuantizationSettings(method, percentile, calibration.Count, sha256));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        quantized.WriteToFile(outputPath);
        using var check = EmotionModel.Load(outputPath);
    }
}
