namespace EdgeEmotion.Quantize.Commands;

public static class QuantizeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Float ONNX emotion model", DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var data = new Option<string>("--data") { Description = "FER2013 (fer2013.csv or image-folder root): calibration faces come from its training split", Required = true };
        var perClass = new Option<int>("--calibration-per-class") { Description = "Calibration faces per class", DefaultValueFactory = _ => 60 };
        var method = new Option<CalibrationMethod>("--method") { Description = "Activation calibration: MinMax or Percentile", DefaultValueFactory = _ => CalibrationMethod.Percentile };
        var percentile = new Option<double>("--percentile") { Description = "Percentile kept by the Percentile method", DefaultValueFactory = _ => 99.999 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var command = new Command("quantize", "Quantize a float emotion model to static int8 (QDQ) with calibration faces.")
        {
            model, data, perClass, method, percentile, seed, output, cache,
        };
        command.SetAction(parse =>
        {
            var train = DatasetLoader.Load(parse.GetValue(data)!, FerSplit.Train, parse.GetValue(cache));
            var calibration = train.SamplePerClass(parse.GetValue(perClass), parse.GetValue(seed));
            var outPath = parse.GetValue(output)!;
            ModelQuantizer.Run(parse.GetValue(model)!, calibration, parse.GetValue(method), parse.GetValue(percentile), outPath);
            using var check = EmotionModel.Load(outPath);
            Shared.Log($"Wrote {outPath} ({new FileInfo(outPath).Length:N0} bytes, sha256 {check.Sha256}) from {calibration.Count} calibration faces, {parse.GetValue(method)}.");
            return 0;
        });
        return command;
    }
}
