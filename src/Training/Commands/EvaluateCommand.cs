using System.Globalization;
using System.Text.Json;
using EdgeEmotion.Core.Evaluation;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Reporting;
using Spectre.Console;

namespace EdgeEmotion.Training.Commands;

public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "ONNX emotion model", DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var data = new Option<string>("--data") { Description = "FER2013: fer2013.csv or image-folder root", Required = true };
        var split = new Option<string>("--split") { Description = "train, test (PublicTest) or private-test", DefaultValueFactory = _ => "test" };
        var output = new Option<string?>("--out") { Description = "Folder for metrics-<name>.json and confusion-<name>.png" };
        var name = new Option<string>("--name") { Description = "Name used in the output files", DefaultValueFactory = _ => "fp32" };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var votes = new Option<string?>("--votes") { Description = "FER+ votes (folder or fer2013new.csv): also report FER+ plurality-label accuracy and calibration" };
        var command = new Command("evaluate", "Evaluate an ONNX model with OnnxRuntime on a FER2013 split: accuracy, per-class recall, macro-F1, confusion matrix; with --votes also on FER+ labels, with calibration (ECE, reliability diagram).")
        {
            model, data, split, output, name, cache, votes,
        };
        command.SetAction(parse =>
        {
            var splitValue = FerSplitNames.Parse(parse.GetValue(split)!);
            var dataset = DatasetLoader.Load(parse.GetValue(data)!, splitValue, parse.GetValue(cache));
            using var emotionModel = EmotionModel.Load(parse.GetValue(model)!);
            var metrics = ModelEvaluator.Evaluate(emotionModel, new FaceTensors(dataset));
            Print(metrics, $"{parse.GetValue(model)} on {splitValue}, FER2013 labels");
            var dir = parse.GetValue(output);
            var tag = parse.GetValue(name)!;
            if (dir is not null)
            {
                Save(dir, tag, metrics, $"{tag} on {splitValue}, FER2013 labels");
            }
            if (parse.GetValue(votes) is { } votesPath)
            {
                var voted = VotedFaces.Join(dataset, FerPlusVotesReader.Read(votesPath, splitValue));
                var majority = new FaceTensors(voted.MajorityLabelled());
                var probabilities = ModelEvaluator.Predict(emotionModel, majority);
                var ferPlus = ClassificationMetrics.From(majority.Labels, ModelEvaluator.ArgMax(probabilities));
                Print(ferPlus, $"{parse.GetValue(model)} on {splitValue}, FER+ plurality labels");
                var temperature = emotionModel.Metadata.TryGetValue("temperature", out var t)
                    ? double.Parse(t, CultureInfo.InvariantCulture) : 1;
                var calibration = new CalibrationReport(temperature,
                    CalibrationMetrics.From(TemperatureUndo.Apply(probabilities, temperature), majority.Labels),
                    CalibrationMetrics.From(probabilities, majority.Labels));
                ConsoleLog.Write($"Calibration against FER+ labels ({CalibrationMetrics.DefaultBins} bins): ECE {calibration.Before.ExpectedCalibrationError:F4} without the temperature, {calibration.After.ExpectedCalibrationError:F4} with T = {temperature:F3}.");
                if (dir is not null)
                {
                    Save(dir, $"{tag}-ferplus", ferPlus, $"{tag} on {splitValue}, FER+ labels");
                    File.WriteAllText(Path.Combine(dir, $"calibration-{tag}.json"), JsonSerializer.Serialize(calibration, Indented));
                    ReliabilityPlot.Save(Path.Combine(dir, $"reliability-{tag}.png"), $"{tag} on {splitValue}: reliability (FER+ labels)",
                        ("without temperature", calibration.Before), ($"with T = {temperature:F2}", calibration.After));
                    ConsoleLog.Write($"Wrote {dir}/calibration-{tag}.json and {dir}/reliability-{tag}.png");
                }
            }
            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static void Save(string dir, string tag, ClassificationMetrics metrics, string title)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"metrics-{tag}.json"), JsonSerializer.Serialize(metrics, Indented));
        ConfusionMatrixPlot.Save(metrics, Path.Combine(dir, $"confusion-{tag}.png"), title);
        ConsoleLog.Write($"Wrote {dir}/metrics-{tag}.json and {dir}/confusion-{tag}.png");
    }

    public static void Print(ClassificationMetrics metrics, string title)
    {
        var table = new Table().Title(title).AddColumns("class", "recall", "precision", "F1", "support");
        for (var c = 0; c < metrics.Labels.Count; c++)
        {
            table.AddRow(metrics.Labels[c], $"{metrics.Recall[c]:P1}", $"{metrics.Precision[c]:P1}", $"{metrics.F1[c]:F3}", $"{metrics.Confusion[c].Sum()}");
        }
        table.AddRow("[bold]all[/]", $"[bold]{metrics.Accuracy:P2}[/] (accuracy)", "", $"[bold]{metrics.MacroF1:F3}[/] (macro)", $"{metrics.Samples}");
        AnsiConsole.Write(table);
    }
}
