using System.CommandLine;
using System.Text.Json;
using EdgeEmotion.Core.Datasets;
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
        var command = new Command("evaluate", "Evaluate an ONNX model with OnnxRuntime on a FER2013 split: accuracy, per-class recall, macro-F1, confusion matrix.")
        {
            model, data, split, output, name, cache,
        };
        command.SetAction(parse =>
        {
            var splitValue = FerSplitNames.Parse(parse.GetValue(split)!);
            var dataset = DatasetLoader.Load(parse.GetValue(data)!, splitValue, parse.GetValue(cache));
            using var emotionModel = EmotionModel.Load(parse.GetValue(model)!);
            var metrics = ModelEvaluator.Evaluate(emotionModel, new FaceTensors(dataset));
            Print(metrics, $"{parse.GetValue(model)} on {splitValue}");
            if (parse.GetValue(output) is { } dir)
            {
                var tag = parse.GetValue(name)!;
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, $"metrics-{tag}.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
                ConfusionMatrixPlot.Save(metrics, Path.Combine(dir, $"confusion-{tag}.png"), $"{tag} on {splitValue}");
                ConsoleLog.Write($"Wrote {dir}/metrics-{tag}.json and {dir}/confusion-{tag}.png");
            }
            return 0;
        });
        return command;
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
