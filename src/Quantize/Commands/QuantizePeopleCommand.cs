using System.Security.Cryptography;
using EdgeEmotion.Quantize.People;

namespace EdgeEmotion.Quantize.Commands;

/// <summary>The person detector (NanoDet-m 416) to int8, calibrated on frames of the shared clips.</summary>
public static class QuantizePeopleCommand
{
    public const string DefaultModel = "models/nanodet-m-416.onnx";
    public const string DefaultOutput = "models/nanodet-m-416-int8.onnx";
    public const int DefaultEvery = 4;
    // MinMax: at the detector's default score it kept as many person-frames of the clips as
    // percentile 99.999 (one more, 315 against 314 of 340) and more than 99.99 (311); try others
    // with --method/--percentile and `bench people . 200 <file>`.
    public const CalibrationMethod DefaultMethod = CalibrationMethod.MinMax;
    public const double DefaultPercentile = 99.999;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Float NanoDet-m 416 ONNX", DefaultValueFactory = _ => DefaultModel };
        var clips = new Option<string>("--clips") { Description = "Folder of clip folders of JPEG frames (../shared/data/clips)", Required = true };
        var every = new Option<int>("--every") { Description = "Calibrate on every n-th frame of each clip", DefaultValueFactory = _ => DefaultEvery };
        var method = new Option<CalibrationMethod>("--method") { Description = "Activation calibration: MinMax or Percentile", DefaultValueFactory = _ => DefaultMethod };
        var percentile = new Option<double>("--percentile") { Description = "Percentile kept by the Percentile method", DefaultValueFactory = _ => DefaultPercentile };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => DefaultOutput };
        var command = new Command("quantize-people", "Quantize the person detector to static int8 (QDQ), calibrated on gray frames of the clips as the daemon sees them.")
        {
            model, clips, every, method, percentile, output,
        };
        command.SetAction(parse =>
        {
            var files = ClipCalibrationFrames.Select(parse.GetValue(clips)!, parse.GetValue(every));
            var outPath = parse.GetValue(output)!;
            DetectorQuantizer.Run(parse.GetValue(model)!, ClipCalibrationFrames.Tensors(files), parse.GetValue(method), parse.GetValue(percentile), outPath);
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(outPath)));
            Shared.Log($"Wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes, sha256 {sha}) from {files.Count} calibration frames (every {parse.GetValue(every)}th of each clip), {parse.GetValue(method)}.");
            return 0;
        });
        return command;
    }
}
