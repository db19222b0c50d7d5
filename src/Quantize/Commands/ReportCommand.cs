using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeEmotion.Core;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Quantize.Evaluation;

namespace EdgeEmotion.Quantize.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models") { DefaultValueFactory = _ => "models" };
        var command = new Command("report", "Write models/int8-report.md (embedded in the model card) from the evaluate and bench JSON files.") { models };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(models)!;
            var path = Path.Combine(dir, "int8-report.md");
            File.WriteAllText(path, Render(dir));
            Shared.Log($"Wrote {path}");
            return 0;
        });
        return command;
    }

    private static string Render(string dir)
    {
        var comparison = JsonSerializer.Deserialize<Comparison>(File.ReadAllText(Required(dir, EvaluateCommand.ComparisonFile, "evaluate")))!;
        var bench = JsonSerializer.Deserialize<BenchCommand.Report>(File.ReadAllText(Required(dir, BenchCommand.BenchmarkFile, "bench")))!;
        var int8Path = Path.Combine(dir, "emotion-int8.onnx");
        using var int8 = EmotionModel.Load(int8Path);
        var ops = OptimizedGraph.OperatorCounts(int8Path);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("## int8 model");
        s.AppendLine();
        s.AppendLine(c, $"`emotion-int8.onnx`: static int8 in QDQ form made by `edgeemotion-quantize` ({int8.Metadata.GetValueOrDefault("quantization_method")} calibration on {int8.Metadata.GetValueOrDefault("calibration_images")} training faces sampled per class; source sha256 `{int8.Metadata.GetValueOrDefault("source_sha256")}`).");
        s.AppendLine();
        var onFerPlus = comparison.MeasuredOn.Contains("FER+", StringComparison.Ordinal);
        var confusion = onFerPlus ? "confusion-int8-ferplus.png" : "confusion-int8.png";
        s.AppendLine(c, $"| {comparison.MeasuredOn} | float | int8 |");
        s.AppendLine("| --- | ---: | ---: |");
        s.AppendLine(c, $"| accuracy | {comparison.FloatModel.Accuracy:P2} | {comparison.Int8Model.Accuracy:P2} |");
        s.AppendLine(c, $"| macro-F1 | {comparison.FloatModel.MacroF1:F4} | {comparison.Int8Model.MacroF1:F4} |");
        s.AppendLine();
        s.AppendLine(c, $"Accuracy drop {comparison.AccuracyDropPoints:F2} points; argmax agreement {comparison.ArgmaxAgreement:P2}; largest probability difference {comparison.MaxProbabilityDifference:F4}. Confusion matrix: [{confusion}]({confusion}).");
        s.AppendLine();
        s.AppendLine(c, $"OnnxRuntime's optimized int8 graph runs: {string.Join(", ", ops.Select(kv => $"{kv.Key} ×{kv.Value}"))}.");
        s.AppendLine();
        s.AppendLine(c, $"Latency per call, {bench.Threads} thread, {bench.Cpu} (median / p95 of {bench.Results[0].Runs} runs after warm-up, float and int8 interleaved in one run):");
        s.AppendLine();
        s.AppendLine("| batch | float median ms | float p95 ms | int8 median ms | int8 p95 ms | int8 speed-up |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var batch in bench.Results.Select(r => r.Batch).Distinct())
        {
            var f = bench.Results.Single(r => r.Batch == batch && r.Model == "float");
            var q = bench.Results.Single(r => r.Batch == batch && r.Model == "int8");
            s.AppendLine(c, $"| {batch} | {f.MedianMs:F3} | {f.P95Ms:F3} | {q.MedianMs:F3} | {q.P95Ms:F3} | {f.MedianMs / q.MedianMs:F2}x |");
        }
        s.AppendLine();
        s.AppendLine(c, $"File size: int8 {bench.Int8Bytes:N0} bytes, {100.0 * bench.Int8Bytes / bench.FloatBytes:F1}% of float ({bench.FloatBytes:N0} bytes).");
        s.AppendLine();
        s.AppendLine("```");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- quantize --model models/emotion-fp32.onnx --data ../shared/data/fer2013 --out models/emotion-int8.onnx");
        var votes = onFerPlus ? " --votes ../shared/data/ferplus" : "";
        s.AppendLine(c, $"dotnet run -c Release --project src/Quantize -- evaluate --data ../shared/data/fer2013{votes} --out models");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- bench --data ../shared/data/fer2013 --out models");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- report --models models");
        s.AppendLine("```");
        return s.ToString();
    }

    private static string Required(string dir, string file, string command)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? path : throw new UserInputException($"{path}: not found; run `edgeemotion-quantize {command}` first.");
    }
}
