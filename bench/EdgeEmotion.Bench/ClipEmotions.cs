using System.Globalization;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using Spectre.Console;

namespace EdgeEmotion.Bench;

/// <summary>
/// What the shipped model says about real people: every frame of each clip in
/// <c>../shared/data/clips</c> through the daemon's detector (default settings) and classifier
/// (model margin, alignment by the eyes), and the share of face-frames per top emotion, with
/// and without alignment. Run: <c>dotnet run -c Release --project bench/EdgeEmotion.Bench -- clips . [model]</c>.
/// </summary>
public static class ClipEmotions
{
    public static void Run(string root, string modelFile)
    {
        var clipsRoot = Path.Combine(root, "..", "shared", "data", "clips");
        var models = Path.Combine(root, "models");
        using var detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        using var model = EmotionModel.Load(Path.Combine(models, modelFile), 2);
        var preprocessor = new FacePreprocessor(new ModelOptions().Margin);
        var table = new Table().Title($"Top emotion per face-frame on the clips, {modelFile}").AddColumn("clip").AddColumn("aligned").AddColumn("face-frames");
        foreach (var label in EmotionLabels.Names)
        {
            table.AddColumn(label);
        }
        foreach (var clip in Directory.GetDirectories(clipsRoot).Order(StringComparer.Ordinal))
        {
            var aligned = new int[EmotionLabels.Count];
            var plain = new int[EmotionLabels.Count];
            foreach (var file in Directory.GetFiles(clip, "*.jpg").Order(StringComparer.Ordinal))
            {
                var frame = ImageDecoder.ReadGray(file);
                foreach (var face in detector.Detect(frame).HighScore())
                {
                    aligned[Top(model, preprocessor.ToTensor(frame, face.Box, face.Landmarks?.Eyes))]++;
                    plain[Top(model, preprocessor.ToTensor(frame, face.Box))]++;
                }
            }
            AddRow(table, Path.GetFileName(clip), "yes", aligned);
            AddRow(table, Path.GetFileName(clip), "no", plain);
        }
        AnsiConsole.Write(table);
    }

    private static int Top(EmotionModel model, float[] tensor) => TopClass.Of<float>(model.Predict(tensor, 1));

    private static void AddRow(Table table, string clip, string aligned, int[] counts)
    {
        var total = counts.Sum();
        table.AddRow([clip, aligned, total.ToString(CultureInfo.InvariantCulture),
            .. counts.Select(c => total == 0 ? "-" : ((double)c / total).ToString("P0", CultureInfo.InvariantCulture))]);
    }
}
