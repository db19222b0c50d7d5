using System.Globalization;
using System.Text;
using EdgeEmotion.Core.Evaluation;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using Spectre.Console;

namespace EdgeEmotion.Training.Commands;

public static class RotationCommand
{
    private static readonly int[] Angles = [-30, -20, -10, 0, 10, 20, 30];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "ONNX emotion model", DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var data = new Option<string>("--data") { Description = "FER2013: fer2013.csv or image-folder root", Required = true };
        var votes = new Option<string?>("--votes") { Description = "FER+ votes: measure against plurality labels (else FER2013 labels)" };
        var split = new Option<string>("--split") { DefaultValueFactory = _ => "test" };
        var output = new Option<string?>("--out") { Description = "Folder for rotation-<name>.md" };
        var name = new Option<string>("--name") { DefaultValueFactory = _ => "int8" };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var command = new Command("rotation", "Accuracy on faces with tilted heads (±10/20/30°, eyes turned alike), without and with alignment by the eyes.")
        {
            model, data, votes, split, output, name, cache,
        };
        command.SetAction(parse =>
        {
            var measured = LabelledSplit.Load(parse.GetValue(data)!, parse.GetValue(split)!, parse.GetValue(cache), parse.GetValue(votes));
            var (splitValue, dataset, labels) = (measured.Split, measured.Faces, measured.LabelsName);
            using var emotionModel = EmotionModel.Load(parse.GetValue(model)!);
            var rows = Angles.Select(a => (Angle: a, Plain: Accuracy(emotionModel, dataset, a, align: false), Aligned: Accuracy(emotionModel, dataset, a, align: true))).ToList();
            var markdown = Render(rows, $"{Path.GetFileName(parse.GetValue(model))} on {splitValue} ({dataset.Count:N0} faces, {labels})");
            AnsiConsole.WriteLine(markdown);
            if (parse.GetValue(output) is { } dir)
            {
                Directory.CreateDirectory(dir);
                var path = Path.Combine(dir, $"rotation-{parse.GetValue(name)}.md");
                File.WriteAllText(path, markdown);
                ConsoleLog.Write($"Wrote {path}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Accuracy with every face turned by <paramref name="degrees"/> inside a larger frame
    /// (<see cref="TurnedFace"/>), cropped at its box with or without the eyes.</summary>
    public static double Accuracy(EmotionModel model, FaceDataset dataset, int degrees, bool align)
    {
        var pre = new FacePreprocessor();
        var tensors = new float[dataset.Count * FacePreprocessor.TensorLength];
        Parallel.For(0, dataset.Count, i =>
        {
            var face = new GrayImage(FaceDataset.Side, FaceDataset.Side, dataset.Face(i).ToArray());
            var (frame, eyes) = TurnedFace.Turn(face, degrees);
            pre.WriteTensor(frame, TurnedFace.Box, tensors.AsSpan(i * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength), align ? eyes : null);
        });
        var predicted = new int[dataset.Count];
        const int Batch = 64;
        for (var start = 0; start < dataset.Count; start += Batch)
        {
            var n = Math.Min(Batch, dataset.Count - start);
            ModelEvaluator.ArgMax(model.Predict(tensors.AsMemory(start * FacePreprocessor.TensorLength, n * FacePreprocessor.TensorLength), n))
                .CopyTo(predicted, start);
        }
        return (double)predicted.Where((p, i) => p == dataset.Labels[i]).Count() / dataset.Count;
    }

    private static string Render(List<(int Angle, double Plain, double Aligned)> rows, string title)
    {
        var upright = rows.Single(r => r.Angle == 0).Aligned;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Tilted heads: {title}.");
        s.AppendLine();
        s.AppendLine("| roll | accuracy, cropped as detected | accuracy, aligned by the eyes | aligned vs upright |");
        s.AppendLine("| ---: | ---: | ---: | ---: |");
        foreach (var (angle, plain, aligned) in rows)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {angle:+0;-0;0}° | {plain:P2} | {aligned:P2} | {(aligned - upright) * 100:+0.00;-0.00;0.00} pts |");
        }
        return s.ToString();
    }
}
