using System.Text.Json;
using EdgeEmotion.Core.Evaluation;
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
        var output = new Option<string?>("--out") { Description = "Folder for quantization-comparison.json, metrics-int8.json and confusion PNGs (of the form chosen for this CPU)" };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var votes = new Option<string?>("--votes") { Description = "FER+ votes (folder or fer2013new.csv): compare on FER+ plurality labels, the shipped model's measure" };
        var command = new Command("evaluate", "Float and each int8 form (u8s8, u8u8) side by side on this CPU: accuracy, macro-F1, argmax agreement, largest probability difference.")
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
            float[] pf;
            using (var f = EmotionModel.Load(parse.GetValue(floatModel)!))
            {
                pf = ModelEvaluator.Predict(f, faces);
            }
            var chosen = Int8Forms.ChosenHere();
            var forms = new Dictionary<string, Comparison>();
            var outputs = new List<float[]>();
            foreach (var form in Int8Forms.ChosenFirst())
            {
                using var q = EmotionModel.Load(parse.GetValue(int8Model)!, int8Kernels: form);
                var pq = ModelEvaluator.Predict(q, faces);
                outputs.Add(pq);
                var comparison = Comparison.Of(pf, pq, faces.Labels);
                comparison.MeasuredOn = $"{splitValue}, {labels}";
                forms[Int8KernelRule.Name(form)] = comparison;
            }
            var result = new FormComparisons
            {
                Cpu = CpuDescription.Current(),
                Chosen = chosen.Name,
                ChosenBecause = chosen.Reason,
                FormsIdentical = outputs.All(o => o.AsSpan().SequenceEqual(outputs[0])),
                Forms = forms,
            };
            Print(result, splitValue, labels, faces.Count);

            if (folder is { } dir)
            {
                var shown = result.ChosenComparison;
                File.WriteAllText(Path.Combine(dir, ComparisonFile), JsonSerializer.Serialize(result, Shared.Json));
                File.WriteAllText(Path.Combine(dir, $"metrics-int8{suffix}.json"), JsonSerializer.Serialize(shown.Int8Model, Shared.Json));
                ConfusionMatrixPlot.Save(shown.Int8Model, Path.Combine(dir, $"confusion-int8{suffix}.png"), $"int8 ({result.Chosen}) on {splitValue}, {labels}");
                Shared.Log($"Wrote {dir}/{ComparisonFile}, {dir}/metrics-int8{suffix}.json, {dir}/confusion-int8{suffix}.png");
            }
            return 0;
        });
        return command;
    }

    private static void Print(FormComparisons result, FerSplit split, string labels, int faces)
    {
        Console.WriteLine($"CPU: {result.Cpu}; the rule picks {result.Chosen} ({result.ChosenBecause})");
        var names = result.Forms.Keys.ToList();
        var first = result.Forms[names[0]];
        var table = new Table().Title($"float vs int8 on {split} ({faces} faces, {labels})").AddColumns(["", "float", .. names.Select(n => $"int8 {n}")]);
        table.AddRow(["accuracy", $"{first.FloatModel.Accuracy:P2}", .. names.Select(n => $"{result.Forms[n].Int8Model.Accuracy:P2}")]);
        table.AddRow(["macro-F1", $"{first.FloatModel.MacroF1:F4}", .. names.Select(n => $"{result.Forms[n].Int8Model.MacroF1:F4}")]);
        table.AddRow(["argmax agreement with float", "", .. names.Select(n => $"{result.Forms[n].ArgmaxAgreement:P2}")]);
        table.AddRow(["largest probability difference", "", .. names.Select(n => $"{result.Forms[n].MaxProbabilityDifference:F4}")]);
        for (var c = 0; c < first.FloatModel.Labels.Count; c++)
        {
            table.AddRow([$"recall {first.FloatModel.Labels[c]}", $"{first.FloatModel.Recall[c]:P1}", .. names.Select(n => $"{result.Forms[n].Int8Model.Recall[c]:P1}")]);
        }
        AnsiConsole.Write(table);
        foreach (var (name, c) in result.Forms)
        {
            Console.WriteLine($"int8 {name}: accuracy drop {c.AccuracyDropPoints:F2} points; argmax agreement {c.ArgmaxAgreement:P2}; largest probability difference {c.MaxProbabilityDifference:F4}");
        }
        Console.WriteLine(result.FormsIdentical
            ? "The int8 forms gave bit-identical probabilities on every face (neither saturates on this CPU)."
            : "The int8 forms' probabilities differ on this CPU (u8s8 saturates without VNNI).");
    }
}
