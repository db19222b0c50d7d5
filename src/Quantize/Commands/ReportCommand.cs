using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        var comparisons = JsonSerializer.Deserialize<FormComparisons>(File.ReadAllText(Required(dir, EvaluateCommand.ComparisonFile, "evaluate")))!;
        var comparison = comparisons.ChosenComparison;
        var bench = JsonSerializer.Deserialize<BenchCommand.Report>(File.ReadAllText(Required(dir, BenchCommand.BenchmarkFile, "bench")))!;
        var int8Path = Path.Combine(dir, "emotion-int8.onnx");
        using var int8 = EmotionModel.Load(int8Path);
        var ops = OptimizedGraph.OperatorCounts(int8Path);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("## int8 model");
        s.AppendLine();
        s.AppendLine(c, $"`emotion-int8.onnx`: static int8 in QDQ form made by `edgeemotion-quantize` ({int8.Metadata.GetValueOrDefault("quantization_method")} calibration on {int8.Metadata.GetValueOrDefault("calibration_images")} training faces sampled per class; source sha256 `{int8.Metadata.GetValueOrDefault("source_sha256")}`). Stored with uint8 weights (u8u8); `emotion-int8-u8s8.onnx` holds the same weights as int8 (u8s8), written from it by `edgeemotion-quantize forms` (which records its sha256). The daemon runs the file of the form its CPU runs without saturation: u8s8 on x86 with VNNI and on ARM64, u8u8 on x86 without VNNI (`Int8KernelRule`, `Model:Int8Kernels`).");
        s.AppendLine();
        var onFerPlus = comparison.MeasuredOn.Contains("FER+", StringComparison.Ordinal);
        var confusion = onFerPlus ? "confusion-int8-ferplus.png" : "confusion-int8.png";
        s.AppendLine(c, $"Accuracy on {comparison.MeasuredOn}, measured on {comparisons.Cpu} (the rule picks {comparisons.Chosen} there):");
        s.AppendLine();
        var names = comparisons.Forms.Keys.ToList();
        s.AppendLine(c, $"| | float | {string.Join(" | ", names.Select(n => "int8 " + n))} |");
        s.AppendLine(c, $"| --- | ---: |{string.Concat(names.Select(_ => " ---: |"))}");
        s.AppendLine(c, $"| accuracy | {comparison.FloatModel.Accuracy:P2} | {string.Join(" | ", names.Select(n => comparisons.Forms[n].Int8Model.Accuracy.ToString("P2", c)))} |");
        s.AppendLine(c, $"| macro-F1 | {comparison.FloatModel.MacroF1:F4} | {string.Join(" | ", names.Select(n => comparisons.Forms[n].Int8Model.MacroF1.ToString("F4", c)))} |");
        s.AppendLine(c, $"| argmax agreement with float | | {string.Join(" | ", names.Select(n => comparisons.Forms[n].ArgmaxAgreement.ToString("P2", c)))} |");
        s.AppendLine(c, $"| largest probability difference | | {string.Join(" | ", names.Select(n => comparisons.Forms[n].MaxProbabilityDifference.ToString("F4", c)))} |");
        s.AppendLine();
        s.AppendLine(c, $"{(comparisons.FormsIdentical ? "The forms gave bit-identical probabilities on every face there." : "The forms' probabilities differ there.")} Confusion matrix ({comparisons.Chosen}): [{confusion}]({confusion}).");
        s.AppendLine();
        s.AppendLine(c, $"OnnxRuntime's optimized int8 graph runs: {string.Join(", ", ops.Select(kv => $"{kv.Key} ×{kv.Value}"))}.");
        s.AppendLine();
        s.AppendLine(c, $"Latency per call, {bench.Threads} thread, {bench.Cpu} (median / p95 of {bench.Results[0].Runs} runs after warm-up, float and the int8 forms interleaved in one run; the rule picks {bench.Chosen} there):");
        s.AppendLine();
        s.AppendLine("| batch | model | median ms | p95 ms | speed-up over float | median CPU ms of the thread | speed-up in CPU time |");
        s.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in bench.Results)
        {
            var (speedUp, cpuSpeedUp) = r.Model == "float" ? ("1.00x", "1.00x")
                : (bench.SpeedUp(r.Model, r.Batch).ToString("F2", c) + "x", bench.CpuSpeedUp(r.Model, r.Batch).ToString("F2", c) + "x");
            s.AppendLine(c, $"| {r.Batch} | {r.Model}{(r.Model.EndsWith(bench.Chosen, StringComparison.Ordinal) ? " (chosen)" : "")} | {r.MedianMs:F3} | {r.P95Ms:F3} | {speedUp} | {r.MedianCpuMs:F3} | {cpuSpeedUp} |");
        }
        s.AppendLine();
        RenderByCpu(s, dir, bench, comparisons);
        s.AppendLine(c, $"File size: int8 {bench.Int8Bytes:N0} bytes, {100.0 * bench.Int8Bytes / bench.FloatBytes:F1}% of float ({bench.FloatBytes:N0} bytes).");
        s.AppendLine();
        s.AppendLine("```");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- quantize --model models/emotion-fp32.onnx --data ../shared/data/fer2013 --out models/emotion-int8.onnx");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- forms --model models/emotion-int8.onnx");
        var votes = onFerPlus ? " --votes ../shared/data/ferplus" : "";
        s.AppendLine(c, $"dotnet run -c Release --project src/Quantize -- evaluate --data ../shared/data/fer2013{votes} --out models");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- bench --data ../shared/data/fer2013 --out models");
        s.AppendLine("dotnet run -c Release --project src/Quantize -- report --models models");
        s.AppendLine("```");
        return s.ToString();
    }

    /// <summary>Measured on a CPU other than this one: a row of <c>int8-earlier-cpus.json</c>, with where it came from.</summary>
    public sealed record EarlierCpu(
        [property: JsonPropertyName("cpu")] string Cpu,
        [property: JsonPropertyName("form")] string Form,
        [property: JsonPropertyName("float_ms")] double FloatMs,
        [property: JsonPropertyName("int8_ms")] double Int8Ms,
        [property: JsonPropertyName("agreement")] double Agreement,
        [property: JsonPropertyName("source")] string Source);

    /// <summary>One row per CPU kind and form at batch 1: this machine's from the bench and evaluate
    /// files, earlier machines' from <c>int8-earlier-cpus.json</c> (kept by hand, each row naming its commit).</summary>
    private static void RenderByCpu(StringBuilder s, string dir, BenchCommand.Report bench, FormComparisons comparisons)
    {
        var c = CultureInfo.InvariantCulture;
        s.AppendLine("By CPU kind, batch 1, one thread (median ms per face; agreement: argmax agreement with float on the evaluate command's faces):");
        s.AppendLine();
        s.AppendLine("| CPU; flags | form | float ms | int8 ms | speed-up | agreement | from |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        var floatMs = bench.Results.Single(r => r.Batch == 1 && r.Model == "float").MedianMs;
        foreach (var model in bench.Int8Models)
        {
            var form = model["int8 ".Length..];
            var agreement = comparisons.Cpu == bench.Cpu && comparisons.Forms.TryGetValue(form, out var f) ? f.ArgmaxAgreement.ToString("P2", c) : "";
            var chosen = form == bench.Chosen ? " (chosen)" : "";
            s.AppendLine(c, $"| {bench.Cpu} | {form}{chosen} | {floatMs:F3} | {bench.Results.Single(r => r.Batch == 1 && r.Model == model).MedianMs:F3} | {bench.SpeedUp(model, 1):F2}x | {agreement} | `bench`, `evaluate` below |");
        }
        var earlierPath = Path.Combine(dir, "int8-earlier-cpus.json");
        if (File.Exists(earlierPath))
        {
            foreach (var row in JsonSerializer.Deserialize<List<EarlierCpu>>(File.ReadAllText(earlierPath))!)
            {
                s.AppendLine(c, $"| {row.Cpu} | {row.Form} (chosen) | {row.FloatMs:F3} | {row.Int8Ms:F3} | {row.FloatMs / row.Int8Ms:F2}x | {row.Agreement:P2} | {row.Source} |");
            }
        }
        s.AppendLine();
    }

    private static string Required(string dir, string file, string command)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? path : throw new UserInputException($"{path}: not found; run `edgeemotion-quantize {command}` first.");
    }
}
