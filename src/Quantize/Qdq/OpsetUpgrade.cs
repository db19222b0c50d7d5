namespace EdgeEmotion.Quantize.Qdq;

/// <summary>Raises a graph to ONNX opset 13, the first whose DequantizeLinear takes a scale per
/// channel (<c>axis</c>); opset 10-12 has per-tensor QDQ only. Of the operators the quantizer
/// accepts, only Split (its sizes moved from an attribute to an input) and Softmax (from
/// "flatten to 2-D" to "along one axis") changed between opset 11 and 13: Split is rewritten,
/// Softmax refused.</summary>
public static class OpsetUpgrade
{
    public const long PerChannelOpset = 13;

    // IR version 7 is the first that opset 13 may be used with.
    private const long MinIrVersion = 7;

    /// <summary>Upgrades <paramref name="model"/> in place; a model already at 13 or later is left alone.</summary>
    public static void To13(ModelProto model)
    {
        var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (opset is null || opset.Version >= PerChannelOpset)
        {
            return;
        }
        foreach (var node in model.Graph.Node)
        {
            if (node.OpType == "Softmax")
            {
                throw new UserInputException($"Softmax node '{node.Name}' is opset {opset.Version}, whose Softmax flattens to 2-D; per-channel int8 needs opset {PerChannelOpset}, where it does not. Export the model at opset {PerChannelOpset} or later.");
            }
            var split = node.Attribute.FirstOrDefault(a => a.Name == "split");
            if (node.OpType == "Split" && split is not null)
            {
                var sizes = new TensorProto { Name = node.Name + "_split_sizes", DataType = (int)TensorProto.Types.DataType.Int64 };
                sizes.Dims.Add(split.Ints.Count);
                sizes.Int64Data.AddRange(split.Ints);
                model.Graph.Initializer.Add(sizes);
                node.Input.Add(sizes.Name);
                node.Attribute.Remove(split);
            }
        }
        opset.Version = PerChannelOpset;
        model.IrVersion = Math.Max(model.IrVersion, MinIrVersion);
    }
}
