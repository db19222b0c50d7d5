using System.CommandLine;
using System.Text.Json;
using EdgeEmotion.Core.Datasets;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Quantize.Evaluation;
using EdgeEmotion.Reporting;
using Spectre.Console;

namespace EdgeEmotion.Quantize.Commands;

public static class EvaluateCommand
{
    public const string ComparisonFile = "quantization-comparison.json";

    public static Command Create()
    {
        var floatModel = new Option<string>("--float") { DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var int8Model = new Option<string>("--int8") { DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var data = new Option<string>("--data") { Required = true, Description = "FER2013 (fer2013.csv or image-folder root)" };
        var split = new Option<string>("--split") { DefaultValueFactory = _ => "test" };
        var output = new Option<string?>("--out") { Description = "Folder for quantization-comparison.json, metrics-int8.json and confusion PNGs" };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var votes = new Option<string?>("--votes") { Description = "FER+ votes (folder or fer2013new.csv): compare on FER+ plurality labels, the shipped model's measure" };
        var command = new Command("evaluate", "Float and int8 side by side: accuracy, macro-F1, argmax agreement, largest probability difference.")
        {
            floatModel, int8Model, data, split, output, cache, votes,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output);
            if (folder is not null)
            {
                OutputFolder.Create(folder);
            }
            var measured = LabelledSplit.Load(parse.GetValue(data)!, parse.GetValue(split)!, parse.GetValue(cache), parse.GetValue(votes));
            var (splitValue, labels, suffix) = (measured.Split, measured.LabelsName, measured.FerPlus ? "-ferplus" : "");
            var faces = new FaceTensors(measured.Faces);
            using var f = EmotionModel.Load(parse.GetValue(floatModel)!);
            using var q = EmotionModel.Load(parse.GetValue(int8Model)!);
            var comparison = Comparison.Run(f, q, faces);
            comparison.MeasuredOn = $"{splitValue}, {labels}";

            var table = new Table().Title($"float vs int8 on {splitValue} ({faces.Count} faces, {labels})").AddColumns("", "float", "int8");
            table.AddRow("accuracy", $"{comparison.FloatModel.Accuracy:P2}", $"{comparison.Int8Model.Accuracy:P2}");
            table.AddRow("macro-F1", $"{comparison.FloatModel.MacroF1:F4}", $"{comparison.Int8Model.MacroF1:F4}");
            for (var c = 0; c < comparison.FloatModel.Labels.Count; c++)
            {
                table.AddRow($"recall {comparison.FloatModel.Labels[c]}", $"{comparison.FloatModel.Recall[c]:P1}", $"{comparison.Int8Model.Recall[c]:P1}");
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"accuracy drop: {comparison.AccuracyDropPoints:F2} points; argmax agreement: {comparison.ArgmaxAgreement:P2}; largest probability difference: {comparison.MaxProbabilityDifference:F4}");

            if (folder is { } dir)
            {
                File.WriteAllText(Path.Combine(dir, ComparisonFile), JsonSerializer.Serialize(comparison, Shared.Json));
                File.WriteAllText(Path.Combine(dir, $"metrics-int8{suffix}.json"), JsonSerializer.Serialize(comparison.Int8Model, Shared.Json));
                ConfusionMatrixPlot.Save(comparison.Int8Model, Path.Combine(dir, $"confusion-int8{suffix}.png"), $"int8 on {splitValue}, {labels}");
                Shared.Log($"Wrote {dir}/{ComparisonFile}, {dir}/metrics-int8{suffix}.json, {dir}/confusion-int8{suffix}.png");
            }
            return 0;
        });
        return command;
    }
}
