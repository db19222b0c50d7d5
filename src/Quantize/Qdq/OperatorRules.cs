namespace EdgeEmotion.Quantize.Qdq;

/// <summary>How an operator's output is quantized in QDQ form.</summary>
public enum OutputQuantization
{
    /// <summary>A calibrated scale of its own: a DequantizeLinear → op → QuantizeLinear group
    /// that OnnxRuntime runs as one integer kernel (QLinearConv, QGemm, QLinearLeakyRelu,
    /// QLinearAdd, QLinearConcat).</summary>
    Calibrated,

    /// <summary>The scale of its first input: the op only moves or picks values (pooling by
    /// maximum, reshaping, splitting, nearest or linear resizing stays inside the input's
    /// range), so OnnxRuntime drops the QDQ pair around it and runs it on uint8. A float input
    /// keeps it float.</summary>
    SameAsInput,

    /// <summary>Float on dequantized values: the ops whose outputs the caller reads as
    /// probabilities or scores (Softmax, Sigmoid), where 8 bits would round them.</summary>
    StaysFloat,
}

/// <summary>The operators the quantizer accepts and the rule for each.</summary>
public static class OperatorRules
{
    private static readonly Dictionary<string, OutputQuantization> Rules = new()
    {
        ["Conv"] = OutputQuantization.Calibrated,
        ["Gemm"] = OutputQuantization.Calibrated,
        ["Relu"] = OutputQuantization.Calibrated,
        ["LeakyRelu"] = OutputQuantization.Calibrated,
        ["Add"] = OutputQuantization.Calibrated,
        ["Concat"] = OutputQuantization.Calibrated,
        ["MaxPool"] = OutputQuantization.SameAsInput,
        ["Flatten"] = OutputQuantization.SameAsInput,
        ["Reshape"] = OutputQuantization.SameAsInput,
        ["Transpose"] = OutputQuantization.SameAsInput,
        ["Split"] = OutputQuantization.SameAsInput,
        ["Resize"] = OutputQuantization.SameAsInput,
        ["Softmax"] = OutputQuantization.StaysFloat,
        ["Sigmoid"] = OutputQuantization.StaysFloat,
    };

    public static IReadOnlyCollection<string> Supported { get; } = Rules.Keys;

    public static OutputQuantization Of(string opType) => Rules[opType];

    /// <summary>Conv and Gemm: constant weights (input 1) per output channel, bias (input 2) as int32.</summary>
    public static bool IsWeighted(string opType) => opType is "Conv" or "Gemm";

    /// <summary>Operators whose inputs after the first are not activations (shapes, sizes) and stay as they are.</summary>
    public static bool ReadsOnlyFirstInput(string opType) => opType is "Reshape" or "Resize" or "Split";
}
