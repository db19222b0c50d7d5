using System.Text.Json;
using EdgeEmotion.Quantize.Evaluation;
using Spectre.Console;

namespace EdgeEmotion.Quantize.Commands;

public static class BenchCommand
{
    private static readonly int[] Batches = [1, 8];

    public const string BenchmarkFile = "benchmark-int8.json";

    /// <param name="Cpu">Model name and flags (<see cref="CpuDescription"/>).</param>
    /// <param name="Chosen">The int8 form the rule picks on this CPU, e.g. "u8s8"; its results are named <c>int8 {Chosen}</c>.</param>
    public sealed record Report(int Threads, long FloatBytes, long Int8Bytes, IReadOnlyList<LatencyBenchmark.Result> Results, string Cpu, string Chosen, string ChosenBecause)
    {
        public IEnumerable<string> Int8Models => Results.Select(r => r.Model).Where(m => m != "float").Distinct();

        /// <summary>Float's median over the model's, at one batch size.</summary>
        public double SpeedUp(string model, int batch) =>
            Results.Single(r => r.Batch == batch && r.Model == "float").MedianMs / Results.Single(r => r.Batch == batch && r.Model == model).MedianMs;

        /// <summary>The same in the calling thread's CPU time (other programs' time slices left out).</summary>
        public double CpuSpeedUp(string model, int batch) =>
            Results.Single(r => r.Batch == batch && r.Model == "float").MedianCpuMs / Results.Single(r => r.Batch == batch && r.Model == model).MedianCpuMs;
    }

    public static Command Create()
    {
        var floatModel = new Option<string>("--float") { DefaultValueFactory = _ => "models/emotion-fp32.onnx" };
        var int8Model = new Option<string>("--int8") { DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var data = new Option<string>("--data") { Required = true, Description = "FER2013: real faces to feed (PublicTest split)" };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 1000 };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Folder for benchmark-int8.json" };
        var command = new Command("bench", "Per-face latency of float and of every int8 form (u8s8, u8u8) at batch 1 and 8 (median, p95) on this CPU, its flags, and file sizes, measured in one run.")
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
            var chosen = Int8Forms.ChosenHere();
            using var f = EmotionModel.Load(parse.GetValue(floatModel)!, n);
            var int8 = Int8Forms.ChosenFirst().Select(form => (Name: Int8Forms.Label(form), Model: EmotionModel.Load(parse.GetValue(int8Model)!, n, int8Kernels: form))).ToList();
            try
            {
                var results = new List<LatencyBenchmark.Result>();
                foreach (var batch in Batches)
                {
                    results.AddRange(LatencyBenchmark.Run([("float", f), .. int8], batch, parse.GetValue(runs), 100, faces.Values));
                }
                var report = new Report(n, new FileInfo(f.Path).Length, new FileInfo(int8[0].Model.Path).Length, results, CpuDescription.Current(), chosen.Name, chosen.Reason);
                Print(report);
                if (folder is { } dir)
                {
                    File.WriteAllText(Path.Combine(dir, BenchmarkFile), JsonSerializer.Serialize(report, Shared.Json));
                    Shared.Log($"Wrote {dir}/{BenchmarkFile}");
                }
            }
            finally
            {
                int8.ForEach(m => m.Model.Dispose());
            }
            return 0;
        });
        return command;
    }

    private static void Print(Report report)
    {
        Console.WriteLine($"CPU: {report.Cpu}; the rule picks {report.Chosen} ({report.ChosenBecause})");
        var table = new Table().Title($"Per-face latency, {report.Threads} thread(s), {report.Cpu}").AddColumns("batch", "model", "median ms/call", "p95 ms/call", "median ms/face", "median CPU ms/call", "runs");
        foreach (var r in report.Results)
        {
            table.AddRow($"{r.Batch}", r.Model, $"{r.MedianMs:F3}", $"{r.P95Ms:F3}", $"{r.MedianPerFaceMs:F3}", $"{r.MedianCpuMs:F3}", $"{r.Runs}");
        }
        AnsiConsole.Write(table);
        foreach (var batch in report.Results.Select(r => r.Batch).Distinct())
        {
            foreach (var model in report.Int8Models)
            {
                var note = model.EndsWith(report.Chosen, StringComparison.Ordinal) ? " (the form chosen here)" : "";
                Console.WriteLine($"batch {batch}: {model}{note} is {report.SpeedUp(model, batch):F2}x faster than float (median; {report.CpuSpeedUp(model, batch):F2}x in the thread's CPU time)");
            }
        }
        Console.WriteLine($"file size: int8 {report.Int8Bytes:N0} bytes = {100.0 * report.Int8Bytes / report.FloatBytes:F1}% of float {report.FloatBytes:N0} bytes");
    }
}
