using System.Security.Cryptography;
using EdgeEmotion.Quantize.Qdq;

namespace EdgeEmotion.Quantize;

/// <summary>Any float graph <see cref="OperatorRules"/> accepts (the person detector) + calibration
/// samples → int8 QDQ ONNX that OnnxRuntime loads. The emotion model goes through
/// <see cref="ModelQuantizer"/>, which also checks its contract.</summary>
public static class DetectorQuantizer
{
    public static ModelProto Quantize(string floatPath, CalibrationInputs calibration, CalibrationMethod method, double percentile)
    {
        if (!File.Exists(floatPath))
        {
            throw new UserInputException($"{floatPath}: model file not found.");
        }
        var bytes = File.ReadAllBytes(floatPath);
        var model = ModelProto.Parser.ParseFrom(bytes);
        var tensors = QdqQuantizer.TensorsToCalibrate(model);
        // The plan lists the graph's input first.
        var ranges = Calibrator.Collect(model, tensors[0], calibration, tensors);
        var settings = new QuantizationSettings(method, percentile, calibration.Count, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return QdqQuantizer.Quantize(model, ranges, settings);
    }

    public static void Run(string floatPath, CalibrationInputs calibration, CalibrationMethod method, double percentile, string outputPath)
    {
        var quantized = Quantize(floatPath, calibration, method, percentile);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        quantized.WriteToFile(outputPath);
        using var check = OnnxSessions.Open(File.ReadAllBytes(outputPath), outputPath);
    }
}
