using System.Globalization;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Training.Calibration;
using EdgeEmotion.Training.Export;
using Onnx;

namespace EdgeEmotion.Training.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by 'train'", Required = true };
        var weights = new Option<string>("--weights") { Description = "best or last", DefaultValueFactory = _ => "best" };
        var output = new Option<string>("--out") { Description = "ONNX file to write", DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var command = new Command("export", "Export a trained checkpoint to ONNX (BatchNorm folded, Dropout removed, softmax output).")
        {
            run, weights, output,
        };
        command.SetAction(parse =>
        {
            var path = Export(parse.GetValue(run)!, parse.GetValue(weights)!, parse.GetValue(output)!);
            using var model = EmotionModel.Load(path);
            ConsoleLog.Write($"Wrote {path} ({new FileInfo(path).Length:N0} bytes), sha256 {model.Sha256}; contract checked with OnnxRuntime.");
            return 0;
        });
        return command;
    }

    public static string Export(string runDirectory, string which, string outputPath)
    {
        var state = TrainingState.Load(runDirectory) ?? throw new UserInputException($"{runDirectory}: no {TrainingState.FileName}; train first.");
        var weightsFile = Path.Combine(runDirectory, which == "last" ? "last.weights" : Trainer.BestWeights);
        using var net = new EmotionNet(state.Options.Shape);
        net.load(weightsFile);
        var epoch = which == "last" ? state.History.Count : state.BestEpoch;
        // The temperature was fitted for the best weights; the last ones stay uncalibrated.
        var temperature = which == "last" ? null : TemperatureFile.Load(runDirectory);
        var metadata = new Dictionary<string, string>
        {
            ["training_epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["training_seed"] = state.Options.Seed.ToString(CultureInfo.InvariantCulture),
            ["validation_accuracy"] = state.History[epoch - 1].ValAccuracy.ToString("F4", CultureInfo.InvariantCulture),
            ["dataset"] = state.Options.Votes is null
                ? "FER2013 Training split, FER2013 labels; validated on PublicTest"
                : "FER2013 Training split, FER+ vote shares; validated on a held-out part of the Training split",
        };
        var model = OnnxExporter.ToOnnx(net, metadata, temperature?.Temperature ?? 1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        model.WriteToFile(outputPath);
        return outputPath;
    }
}
