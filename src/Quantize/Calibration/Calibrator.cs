using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Quantize.Calibration;

/// <summary>Runs the float model over calibration samples with every intermediate tensor exposed
/// as an output, and gathers each tensor's <see cref="TensorRange"/>.</summary>
public static class Calibrator
{
    public static Dictionary<string, TensorRange> Collect(ModelProto floatModel, FaceTensors faces, IReadOnlyCollection<string> tensors) =>
        Collect(floatModel, ModelContract.InputName, CalibrationInputs.Faces(faces), tensors);

    /// <param name="inputName">The graph's activation input; its range is one of <paramref name="tensors"/>.</param>
    public static Dictionary<string, TensorRange> Collect(ModelProto floatModel, string inputName, CalibrationInputs samples, IReadOnlyCollection<string> tensors)
    {
        if (samples.Count == 0)
        {
            throw new UserInputException("The calibration set is empty.");
        }
        var probe = floatModel.Clone();
        var existing = probe.Graph.Output.Select(o => o.Name).ToHashSet();
        foreach (var name in tensors.Where(t => t != inputName && !existing.Contains(t)))
        {
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }
        // Unoptimized: fusions would remove the intermediate tensors being measured.
        using var session = OnnxSessions.Open(probe.ToByteArray(), "the float model with its intermediate tensors as outputs",
            adjust: options =>
            {
                options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                // Older exports list their weights as inputs too, and OnnxRuntime warns about each.
                options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            });
        var ranges = tensors.ToDictionary(t => t, _ => new TensorRange());
        var outputNames = tensors.Where(t => t != inputName).ToArray();

        using var runOptions = new RunOptions();
        foreach (var pass in new[] { 0, 1 })
        {
            for (var start = 0; start < samples.Count; start += samples.BatchSize)
            {
                var n = Math.Min(samples.BatchSize, samples.Count - start);
                var batch = samples.Values.AsSpan(start * samples.SampleLength, n * samples.SampleLength).ToArray();
                Observe(ranges, inputName, batch, pass);
                using var input = OrtValue.CreateTensorValueFromMemory(batch, [n, .. samples.SampleShape]);
                using var results = session.Run(runOptions, [inputName], [input], outputNames);
                for (var i = 0; i < outputNames.Length; i++)
                {
                    Observe(ranges, outputNames[i], results[i].GetTensorDataAsSpan<float>(), pass);
                }
            }
        }
        return ranges;
    }

    private static void Observe(Dictionary<string, TensorRange> ranges, string name, ReadOnlySpan<float> values, int pass)
    {
        if (!ranges.TryGetValue(name, out var range))
        {
            return;
        }
        if (pass == 0)
        {
            range.Observe(values);
        }
        else
        {
            range.Count(values);
        }
    }
}
