using System.Globalization;
using System.Runtime.InteropServices;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Quantize.Qdq;

/// <summary>
/// Rewrites a float model into ONNX QDQ form: QuantizeLinear/DequantizeLinear pairs
/// around activations (uint8, calibrated; which ones and with which scale: <see cref="QdqPlan"/>,
/// by <see cref="OperatorRules"/>), per-channel symmetric 8-bit weights (stored as uint8 around
/// 128, see <see cref="WeightQuantization"/>) and int32 biases
/// for Conv and Gemm. OnnxRuntime fuses DQ → Conv → (Relu) → Q into QLinearConv and
/// DQ → Gemm → (Relu) → Q into QGemm; MaxPool and Flatten run on uint8 since their input and
/// output share one scale. Softmax stays float. A graph below opset 13 is raised to it first
/// (<see cref="OpsetUpgrade"/>): per-channel scales need it.
/// </summary>
/// <remarks>OnnxRuntime's own quantization tool is Python-only; this is the part of it that our
/// graphs need, written against the ONNX protobuf types.</remarks>
public static class QdqQuantizer
{
    public static IReadOnlyCollection<string> SupportedOperators => OperatorRules.Supported;

    /// <summary>Tensors whose ranges must be calibrated (<see cref="QdqPlan.Calibrated"/>).</summary>
    public static IReadOnlyList<string> TensorsToCalibrate(ModelProto model)
    {
        CheckOperators(model);
        return QdqPlan.For(model).Calibrated;
    }

    public static ModelProto Quantize(ModelProto floatModel, IReadOnlyDictionary<string, TensorRange> ranges, QuantizationSettings settings)
    {
        CheckOperators(floatModel);
        var upgraded = floatModel.Clone();
        OpsetUpgrade.To13(upgraded);
        var plan = QdqPlan.For(upgraded);
        var source = upgraded.Graph;
        var initializers = source.Initializer.ToDictionary(t => t.Name);
        var graph = new GraphProto { Name = source.Name + "_int8" };
        graph.Input.Add(source.Input.Where(i => !initializers.ContainsKey(i.Name)));
        graph.Output.Add(source.Output);
        var weightNames = source.Node.Where(n => OperatorRules.IsWeighted(n.OpType)).SelectMany(n => n.Input.Skip(1)).ToHashSet();
        graph.Initializer.Add(source.Initializer.Where(t => !weightNames.Contains(t.Name)));
        var builder = new GraphBuilder(graph);

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
            var scale = builder.AddFloat($"{tensor}_scale", [q.Scale]);
            var zero = builder.AddUInt8($"{tensor}_zero_point", [q.ZeroPoint]);
            builder.AddNode("QuantizeLinear", $"q_{id}", [tensor, scale, zero], [$"{tensor}_q"]);
            builder.AddNode("DequantizeLinear", $"dq_{id}", [$"{tensor}_q", scale, zero], [$"{tensor}_dq"]);
            rename[tensor] = $"{tensor}_dq";
            quantization[tensor] = q;
        }

        AddQdq(plan.Input, Calibrated(plan.Input));
        foreach (var node in source.Node)
        {
            var copy = node.Clone();
            copy.Input.Clear();
            for (var i = 0; i < node.Input.Count; i++)
            {
                var input = node.Input[i];
                copy.Input.Add(OperatorRules.IsWeighted(node.OpType) && i > 0
                    ? QuantizeParameter(builder, node, i, initializers, quantization)
                    : rename.GetValueOrDefault(input, input));
            }
            graph.Node.Add(copy);

            foreach (var output in node.Output)
            {
                if (plan.ScaleSource(output) is { } scaleSource)
                {
                    // A scale of its own, or its input's (the op then runs on uint8).
                    AddQdq(output, scaleSource == output ? Calibrated(output) : quantization[scaleSource]);
                }
            }
        }

        var model = upgraded;
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
            if (!OperatorRules.Supported.Contains(node.OpType) || node.Domain is not ("" or "ai.onnx"))
            {
                throw new UserInputException(
                    $"Operator '{node.OpType}' (node '{node.Name}') is not supported by the quantizer; supported: {string.Join(", ", SupportedOperators)}.");
            }
            if (node.OpType == "Gemm" && (Attribute(node, "transB") != 1 || Attribute(node, "transA") == 1))
            {
                throw new UserInputException($"Gemm node '{node.Name}' must have transB=1 and transA=0 (weights [out,in]).");
            }
        }
    }

    private static long Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? 0;

    /// <summary>Replaces a Conv/Gemm weight (input 1) or bias (input 2) with its quantized
    /// initializer and a DequantizeLinear (axis 0 = output channel).</summary>
    private static string QuantizeParameter(GraphBuilder graph, NodeProto node, int index, Dictionary<string, TensorProto> initializers,
        Dictionary<string, ActivationQuantization> activations)
    {
        var weight = Floats(initializers, node.Input[1]);
        var dims = initializers[node.Input[1]].Dims.ToArray();
        var channels = (int)dims[0];
        var w = WeightQuantization.PerChannel(weight, channels);
        var name = node.Input[index];
        string quantized, scaleName, zeroName;
        if (index == 1)
        {
            scaleName = graph.AddFloat(name + "_scale", w.Scales, channels);
            zeroName = graph.AddUInt8(name + "_zero_point", Enumerable.Repeat(WeightQuantization.ZeroPoint, channels).ToArray(), channels);
            quantized = graph.AddUInt8(name + "_quantized", w.Values, dims);
        }
        else
        {
            var inputScale = activations[node.Input[0]].Scale;
            var bias = Floats(initializers, name);
            var scales = w.Scales.Select(s => s * inputScale).ToArray();
            var values = bias.Select((b, c) => (int)Math.Clamp(Math.Round(b / scales[c]), int.MinValue, int.MaxValue)).ToArray();
            scaleName = graph.AddFloat(name + "_scale", scales, channels);
            zeroName = graph.AddInt32(name + "_zero_point", new int[channels], channels);
            quantized = graph.AddInt32(name + "_quantized", values, channels);
        }
        var output = name + "_dq";
        graph.AddNode("DequantizeLinear", "dq_" + name, [quantized, scaleName, zeroName], [output], GraphBuilder.IntAttribute("axis", 0));
        return output;
    }

    private static float[] Floats(Dictionary<string, TensorProto> initializers, string name)
    {
        if (!initializers.TryGetValue(name, out var t))
        {
            throw new UserInputException($"'{name}' must be a constant initializer to be quantized.");
        }
        return t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : [.. t.FloatData];
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
