using System.CommandLine;
using System.Text.Json;
using EdgeEmotion.Core.Datasets;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Quantize.Evaluation;
using Spectre.Console;

namespace EdgeEmotion.Quantize.Commands;

public static class BenchCommand
{
    private static readonly int[] Batches = [1, 8];

    public const string BenchmarkFile = "benchmark-int8.json";

    public sealed record Report(int Threads, long FloatBytes, long Int8Bytes, IReadOnlyList<LatencyBenchmark.Result> Results, string Cpu);

    public static Command Create()
    {
        var floatModel = new Option<string>("--float") { DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var int8Model = new Option<string>("--int8") { DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var data = new Option<string>("--data") { Required = true, Description = "FER2013: real faces to feed (PublicTest split)" };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 1000 };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Folder for benchmark-int8.json" };
        var command = new Command("bench", "Per-face latency of float vs int8 at batch 1 and 8 (median, p95) and file sizes, measured in one run.")
        {
            floatModel, int8Model, data, runs, threads, output,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output);
            if (folder is not null)
            {
                OutputFolder.Create(folder);
            }
            var faces = new FaceTensors(DatasetLoader.Load(parse.GetValue(data)!, FerSplit.PublicTest).SamplePerClass(2, 1));
            var n = parse.GetValue(threads);
            using var f = EmotionModel.Load(parse.GetValue(floatModel)!, n);
            using var q = EmotionModel.Load(parse.GetValue(int8Model)!, n);
            var results = new List<LatencyBenchmark.Result>();
            foreach (var batch in Batches)
            {
                results.AddRange(LatencyBenchmark.Run([("float", f), ("int8", q)], batch, parse.GetValue(runs), 100, faces.Values));
            }
            var report = new Report(n, new FileInfo(f.Path).Length, new FileInfo(q.Path).Length, results, CpuName());
            Print(report);
            if (folder is { } dir)
            {
                File.WriteAllText(Path.Combine(dir, BenchmarkFile), JsonSerializer.Serialize(report, Shared.Json));
                Shared.Log($"Wrote {dir}/{BenchmarkFile}");
            }
            return 0;
        });
        return command;
    }

    private static void Print(Report report)
    {
        var table = new Table().Title($"Per-face latency, {report.Threads} thread(s), {report.Cpu}").AddColumns("batch", "model", "median ms/call", "p95 ms/call", "median ms/face", "runs");
        foreach (var r in report.Results)
        {
            table.AddRow($"{r.Batch}", r.Model, $"{r.MedianMs:F3}", $"{r.P95Ms:F3}", $"{r.MedianPerFaceMs:F3}", $"{r.Runs}");
        }
        AnsiConsole.Write(table);
        foreach (var batch in report.Results.Select(r => r.Batch).Distinct())
        {
            var f = report.Results.Single(r => r.Batch == batch && r.Model == "float");
            var q = report.Results.Single(r => r.Batch == batch && r.Model == "int8");
            Console.WriteLine($"batch {batch}: int8 is {f.MedianMs / q.MedianMs:F2}x faster than float (median)");
        }
        Console.WriteLine($"file size: int8 {report.Int8Bytes:N0} bytes = {100.0 * report.Int8Bytes / report.FloatBytes:F1}% of float {report.FloatBytes:N0} bytes");
    }

    public static string CpuName()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
