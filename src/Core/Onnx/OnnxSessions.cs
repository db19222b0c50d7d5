using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Core.Onnx;

/// <summary>Every OnnxRuntime session of the programs is opened here, alike: telemetry off, the
/// <see cref="SharedCpuArena"/>, sequential execution on one inter-op thread, all graph
/// optimizations; a model OnnxRuntime cannot load is a <see cref="UserInputException"/> naming it.</summary>
public static class OnnxSessions
{
    /// <param name="model">The ONNX file's bytes.</param>
    /// <param name="source">What the bytes are, for messages (the file's path).</param>
    /// <param name="threads">Intra-op threads; 0 lets OnnxRuntime choose.</param>
    /// <param name="adjust">Settings this one model needs beyond the common ones.</param>
    public static InferenceSession Open(byte[] model, string source, int threads = 0, Action<SessionOptions>? adjust = null)
    {
        OnnxRuntimeTelemetry.Disable();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        SharedCpuArena.UseIn(options);
        adjust?.Invoke(options);
        try
        {
            return new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new UserInputException($"{source}: not a loadable ONNX model ({ex.Message.Split('\n')[0]}).", ex);
        }
    }
}
