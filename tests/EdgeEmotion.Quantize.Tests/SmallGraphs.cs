using EdgeEmotion.Core.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>Small float graphs for one operator rule each: input <c>x</c> [1,4,8,8] through a
/// 3x3 convolution (4 → 4 channels, so there is something to quantize before the operator under
/// test), calibrated on seeded random inputs, quantized, and run float and int8 side by side.</summary>
internal static class SmallGraphs
{
    public const int Channels = 4;
    public const int Side = 8;

    /// <summary>A graph that starts x → Conv; <paramref name="rest"/> adds the rest from the
    /// Conv's output and declares the outputs.</summary>
    public static ModelProto Build(Action<GraphBuilder, string> rest)
    {
        var g = new GraphBuilder("t");
        g.AddInput("x", 1, Channels, Side, Side);
        var conv = Conv(g, "x", "c0");
        rest(g, conv);
        return g.Build("test");
    }

    public static string Conv(GraphBuilder g, string input, string name)
    {
        // Seeded from the name by a fixed hash: string.GetHashCode differs from process to process,
        // which made the weights, and a test's margin, change from run to run.
        var random = new Random(name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & 0xFFFF);
        var weights = Enumerable.Range(0, Channels * Channels * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var bias = Enumerable.Range(0, Channels).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var output = name + "_out";
        g.AddNode("Conv", name, [input, g.AddFloat(name + "_w", weights, Channels, Channels, 3, 3), g.AddFloat(name + "_b", bias, Channels)], [output],
            GraphBuilder.IntsAttribute("pads", 1, 1, 1, 1));
        return output;
    }

    public static CalibrationInputs Samples(int count = 16, int seed = 1)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count * Channels * Side * Side).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        return new CalibrationInputs([Channels, Side, Side], values, BatchSize: 1);
    }

    /// <summary>Quantizes <paramref name="model"/> (written to <paramref name="dir"/>) and returns
    /// the int8 model and its path.</summary>
    public static (ModelProto Int8, string Path) ToInt8(TempDirectory dir, ModelProto model, string name = "m")
    {
        var floatPath = dir.Combine(name + "-float.onnx");
        model.WriteToFile(floatPath);
        var int8Path = dir.Combine(name + "-int8.onnx");
        DetectorQuantizer.Run(floatPath, Samples(), CalibrationMethod.MinMax, 0, int8Path);
        return (OnnxFile.Read(int8Path), int8Path);
    }

    /// <summary>Every output of the model for one seeded input, in graph order.</summary>
    public static float[][] Run(ModelProto model, int seed = 7)
    {
        using var session = OnnxSessions.Open(model.ToByteArray(), "test model", threads: 1);
        var input = Samples(1, seed).Values;
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, Channels, Side, Side]);
        var names = session.OutputNames.ToArray();
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputNames[0]], [tensor], names);
        return [.. results.Select(r => r.GetTensorDataAsSpan<float>().ToArray())];
    }

    /// <summary>The node that reads <paramref name="tensor"/>, of the given type.</summary>
    public static NodeProto Consumer(ModelProto model, string tensor, string opType) =>
        model.Graph.Node.Single(n => n.Input.Contains(tensor) && n.OpType == opType);

    public static NodeProto Producer(ModelProto model, string tensor) =>
        model.Graph.Node.Single(n => n.Output.Contains(tensor));

    /// <summary>The (scale, zero point) a QuantizeLinear applies to <paramref name="tensor"/>; null when none does.</summary>
    public static (float Scale, byte ZeroPoint)? QuantizationOf(ModelProto model, string tensor)
    {
        var q = model.Graph.Node.SingleOrDefault(n => n.OpType == "QuantizeLinear" && n.Input[0] == tensor);
        if (q is null)
        {
            return null;
        }
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        return (BitConverter.ToSingle(initializers[q.Input[1]].RawData.Span), initializers[q.Input[2]].RawData[0]);
    }
}
