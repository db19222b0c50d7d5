using System.Diagnostics;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Core.Statistics;

namespace EdgeEmotion.Quantize.Evaluation;

/// <summary>Per-face latency of two models measured in one run, in alternating blocks so that
/// machine noise hits both alike.</summary>
/// <remarks>A plain timing loop rather than BenchmarkDotNet: the issue asks for medians and
/// p95 of single calls interleaved between two models in one process, which BenchmarkDotNet's
/// per-benchmark process model does not give.</remarks>
public static class LatencyBenchmark
{
    /// <param name="MedianCpuMs">Median CPU time of the calling thread per call (<see cref="ThreadCpuTime"/>):
    /// the model's own cost when the machine is shared; NaN where the OS does not give it.</param>
    public sealed record Result(string Model, int Batch, double MedianMs, double P95Ms, int Runs, double MedianCpuMs)
    {
        public double MedianPerFaceMs => MedianMs / Batch;
    }

    public static IReadOnlyList<Result> Run(IReadOnlyList<(string Name, EmotionModel Model)> models, int batch, int runs, int warmup, float[] faces)
    {
        var input = faces.AsSpan(0, batch * FacePreprocessor.TensorLength).ToArray();
        var times = models.Select(_ => new List<double>(runs)).ToArray();
        var cpu = models.Select(_ => new List<double>(runs)).ToArray();
        foreach (var (_, model) in models)
        {
            for (var i = 0; i < warmup; i++)
            {
                model.Predict(input, batch);
            }
        }
        const int Block = 50;
        for (var done = 0; done < runs; done += Block)
        {
            for (var m = 0; m < models.Count; m++)
            {
                for (var i = 0; i < Math.Min(Block, runs - done); i++)
                {
                    var cpuStart = ThreadCpuTime.NowMs();
                    var start = Stopwatch.GetTimestamp();
                    models[m].Model.Predict(input, batch);
                    times[m].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    cpu[m].Add(ThreadCpuTime.NowMs() - cpuStart);
                }
            }
        }
        return [.. models.Select((m, i) => new Result(m.Name, batch, Percentiles.Median(times[i].ToArray()), Percentiles.Of(times[i].ToArray(), 0.95), times[i].Count, Percentiles.Median(cpu[i].ToArray())))];
    }
}
