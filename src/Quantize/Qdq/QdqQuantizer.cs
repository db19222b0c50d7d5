using System.Globalization;
using System.Runtime.InteropServices;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Quantize.Calibration;
using Google.Protobuf;
using Onnx;

namespace EdgeEmotion.Quantize.Qdq;

/// <summary>
/// Rewrites a float emotion model into ONNX QDQ form: QuantizeLinear/DequantizeLinear pairs
/// around activations (uint8, calibrated), per-channel symmetric 8-bit weights (stored as uint8 around
/// 128, see <see cref="WeightQuantization"/>) and int32 biases
/// for Conv and Gemm. OnnxRuntime fuses DQ → Conv → (Relu) → Q into QLinearConv and
/// DQ → Gemm → (Relu) → Q into QGemm; MaxPool and Flatten run on uint8 since their input and
/// output share one scale. Softmax stays float.
/// </summary>
/// <remarks>OnnxRuntime's own quantization tool is Python-only; this is the part of it that our
/// graphs need, written against the ONNX protobuf types.</remarks>
public static class QdqQuantizer
{
    public static readonly IReadOnlySet<string> SupportedOperators =
        new HashSet<string> { "Conv", "Gemm", "Relu", "MaxPool", "Flatten", "Softmax" };

    /// <summary>Tensors whose ranges must be calibrated: the input, ReLU outputs, and Conv/Gemm
    /// outputs not followed by a ReLU.</summary>
    public static IReadOnlyList<string> TensorsToCalibrate(ModelProto model)
    {
        CheckOperators(model);
        var names = new List<string> { ModelContract.InputName };
        foreach (var node in model.Graph.Node)
        {
            if (node.OpType == "Relu" || (node.OpType is "Conv" or "Gemm" && !FeedsRelu(model, node.Output[0])))
            {
                names.Add(node.Output[0]);
            }
        }
        return names;
    }

    public static ModelProto Quantize(ModelProto floatModel, IReadOnlyDictionary<string, TensorRange> ranges, QuantizationSettings settings)
    {
        CheckOperators(floatModel);
        var source = floatModel.Graph;
        var initializers = source.Initializer.ToDictionary(t => t.Name);
        var graph = new GraphProto { Name = source.Name + "_int8" };
        graph.Input.Add(source.Input);
        graph.Output.Add(source.Output);
        var weightNames = source.Node.Where(n => n.OpType is "Conv" or "Gemm").SelectMany(n => n.Input.Skip(1)).ToHashSet();
        graph.Initializer.Add(source.Initializer.Where(t => !weightNames.Contains(t.Name)));

        var rename = new Dictionary<string, string>();
        var quantization = new Dictionary<string, ActivationQuantization>();
        var counter = 0;

        ActivationQuantization Calibrated(string tensor)
        {
            if (!ranges.TryGetValue(tensor, out var range))
            {
                throw new InvalidOperationException($"Tensor '{tensor}' was not calibrated.");
            }
            var (lo, hi) = range.Range(settings.Method, settings.Percentile);
            return ActivationQuantization.FromRange(lo, hi);
        }

        void AddQdq(string tensor, ActivationQuantization q)
        {
            var id = counter++;
            var scale = AddScalar(graph, $"{tensor}_scale", q.Scale);
            var zero = new TensorProto { Name = $"{tensor}_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, RawData = ByteString.CopyFrom(q.ZeroPoint) };
            graph.Initializer.Add(zero);
            graph.Node.Add(Node("QuantizeLinear", $"q_{id}", [tensor, scale, zero.Name], [$"{tensor}_q"]));
            graph.Node.Add(Node("DequantizeLinear", $"dq_{id}", [$"{tensor}_q", scale, zero.Name], [$"{tensor}_dq"]));
            rename[tensor] = $"{tensor}_dq";
            quantization[tensor] = q;
        }

        AddQdq(ModelContract.InputName, Calibrated(ModelContract.InputName));
        foreach (var node in source.Node)
        {
            var copy = node.Clone();
            copy.Input.Clear();
            for (var i = 0; i < node.Input.Count; i++)
            {
                var input = node.Input[i];
                copy.Input.Add(node.OpType is "Conv" or "Gemm" && i > 0
                    ? QuantizeParameter(graph, node, i, initializers, quantization)
                    : rename.GetValueOrDefault(input, input));
            }
            graph.Node.Add(copy);

            var output = node.Output[0];
            switch (node.OpType)
            {
                case "Relu":
                    AddQdq(output, Calibrated(output));
                    break;
                case "Conv" or "Gemm" when !FeedsRelu(floatModel, output):
                    AddQdq(output, Calibrated(output));
                    break;
                case "MaxPool" or "Flatten":
                    AddQdq(output, quantization[node.Input[0]]); // Same scale: the op runs on uint8.
                    break;
            }
        }

        var model = floatModel.Clone();
        model.Graph = graph;
        SetMetadata(model, "quantization", "static 8-bit QDQ: per-channel symmetric weights as uint8 around 128 (u8u8 kernels: no int16 saturation on x86 without VNNI), uint8 activations");
        SetMetadata(model, "quantization_method", settings.Method == CalibrationMethod.Percentile
            ? $"percentile {settings.Percentile.ToString(CultureInfo.InvariantCulture)}"
            : "minmax");
        SetMetadata(model, "calibration_images", settings.CalibrationImages.ToString(CultureInfo.InvariantCulture));
        SetMetadata(model, "source_sha256", settings.SourceSha256);
        return model;
    }

    private static void CheckOperators(ModelProto model)
    {
        foreach (var node in model.Graph.Node)
        {
            if (!SupportedOperators.Contains(node.OpType) || node.Domain is not ("" or "ai.onnx"))
            {
                throw new NotSupportedException(
                    $"Operator '{node.OpType}' (node '{node.Name}') is not supported by the quantizer; supported: {string.Join(", ", SupportedOperators)}.");
            }
            if (node.OpType == "Gemm" && (Attribute(node, "transB") != 1 || Attribute(node, "transA") == 1))
            {
                throw new NotSupportedException($"Gemm node '{node.Name}' must have transB=1 and transA=0 (weights [out,in]).");
            }
        }
    }

    private static long Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? 0;

    private static bool FeedsRelu(ModelProto model, string tensor)
    {
        var consumers = model.Graph.Node.Where(n => n.Input.Contains(tensor)).ToList();
        return consumers.Count == 1 && consumers[0].OpType == "Relu";
    }

    /// <summary>Replaces a Conv/Gemm weight (input 1) or bias (input 2) with its quantized
    /// initializer and a DequantizeLinear (axis 0 = output channel).</summary>
    private static string QuantizeParameter(GraphProto graph, NodeProto node, int index, Dictionary<string, TensorProto> initializers,
        Dictionary<string, ActivationQuantization> activations)
    {
        var weight = Floats(initializers, node.Input[1]);
        var dims = initializers[node.Input[1]].Dims.ToArray();
        var channels = (int)dims[0];
        var w = WeightQuantization.PerChannel(weight, channels);
        var name = node.Input[index];
        string scaleName, zeroName;
        var quantized = new TensorProto { Name = name + "_quantized" };
        if (index == 1)
        {
            quantized.DataType = (int)TensorProto.Types.DataType.Uint8;
            quantized.Dims.AddRange(dims);
            quantized.RawData = ByteString.CopyFrom(w.Values);
            scaleName = AddVector(graph, name + "_scale", w.Scales);
            var zeroPoints = new TensorProto { Name = name + "_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, RawData = ByteString.CopyFrom(Enumerable.Repeat(WeightQuantization.ZeroPoint, channels).ToArray()) };
            zeroPoints.Dims.Add(channels);
            graph.Initializer.Add(zeroPoints);
            zeroName = zeroPoints.Name;
        }
        else
        {
            var inputScale = activations[node.Input[0]].Scale;
            var bias = Floats(initializers, name);
            var scales = w.Scales.Select(s => s * inputScale).ToArray();
            var values = bias.Select((b, c) => (int)Math.Clamp(Math.Round(b / scales[c]), int.MinValue, int.MaxValue)).ToArray();
            quantized.DataType = (int)TensorProto.Types.DataType.Int32;
            quantized.Dims.Add(channels);
            quantized.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
            scaleName = AddVector(graph, name + "_scale", scales);
            zeroName = AddZeros(graph, name + "_zero_point", TensorProto.Types.DataType.Int32, channels, 4);
        }
        graph.Initializer.Add(quantized);
        var output = name + "_dq";
        var dq = Node("DequantizeLinear", "dq_" + name, [quantized.Name, scaleName, zeroName], [output]);
        dq.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(dq);
        return output;
    }

    private static float[] Floats(Dictionary<string, TensorProto> initializers, string name)
    {
        if (!initializers.TryGetValue(name, out var t))
        {
            throw new NotSupportedException($"'{name}' must be a constant initializer to be quantized.");
        }
        return t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : [.. t.FloatData];
    }

    private static NodeProto Node(string op, string name, string[] inputs, string[] outputs)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    private static string AddScalar(GraphProto graph, string name, float value)
    {
        graph.Initializer.Add(new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(value)) });
        return name;
    }

    private static string AddVector(GraphProto graph, string name, float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        t.Dims.Add(values.Length);
        graph.Initializer.Add(t);
        return name;
    }

    private static string AddZeros(GraphProto graph, string name, TensorProto.Types.DataType type, int count, int bytesPerValue)
    {
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(new byte[count * bytesPerValue]) };
        t.Dims.Add(count);
        graph.Initializer.Add(t);
        return name;
    }

    private static void SetMetadata(ModelProto model, string key, string value)
    {
        var existing = model.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (existing is not null)
        {
            existing.Value = value;
        }
        else
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
    }
}
