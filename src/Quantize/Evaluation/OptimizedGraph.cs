namespace EdgeEmotion.Quantize.Evaluation;

/// <summary>The graph OnnxRuntime actually runs: the model after all its optimizations, saved
/// through SessionOptions.OptimizedModelFilePath, as a count per operator type.</summary>
public static class OptimizedGraph
{
    public static SortedDictionary<string, int> OperatorCounts(string modelPath, string? savePath = null)
    {
        var path = savePath ?? Path.Combine(Path.GetTempPath(), $"edgeemotion-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            if (!File.Exists(modelPath))
            {
                throw new UserInputException($"{modelPath}: model file not found.");
            }
            // Any model, not only the emotion contract's: the person detector's too.
            using (OnnxSessions.Open(File.ReadAllBytes(modelPath), modelPath, threads: 1, options => options.OptimizedModelFilePath = path))
            {
            }
            var graph = OnnxFile.Read(path).Graph;
            return new SortedDictionary<string, int>(graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
        }
        finally
        {
            if (savePath is null)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>True when the convolutions run as integer kernels and no float convolution is left.</summary>
    public static bool RunsIntegerKernels(IReadOnlyDictionary<string, int> counts) =>
        counts.Keys.Any(op => op is "QLinearConv" or "ConvInteger") && !counts.Keys.Any(op => op is "Conv" or "FusedConv");
}
