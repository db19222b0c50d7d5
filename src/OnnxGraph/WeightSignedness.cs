using Google.Protobuf;
using Onnx;

namespace EdgeEmotion.OnnxGraph;

/// <summary>
/// Rewrites the symmetric 8-bit weights of a QDQ model between the two
/// <see cref="Int8KernelForm"/>s without changing a single real value: uint8 q with zero point 128
/// is the int8 value q - 128 with zero point 0 (real = scale * (q - 128) either way). A weight is a
/// constant 8-bit initializer read by a DequantizeLinear; activations (fed by QuantizeLinear) and
/// int32 biases are left alone.
/// </summary>
public static class WeightSignedness
{
    private const int UInt8 = (int)TensorProto.Types.DataType.Uint8;
    private const int Int8 = (int)TensorProto.Types.DataType.Int8;
    private const byte UnsignedZeroPoint = 128;

    /// <summary>The form the model's weights are stored in; null when it has no 8-bit weights
    /// (a float model) or weights that are not symmetric (another zero point), which cannot be
    /// rewritten.</summary>
    public static Int8KernelForm? Stored(ModelProto model)
    {
        var weights = Weights(model);
        if (weights.Count == 0)
        {
            return null;
        }
        if (weights.All(w => w.Values.DataType == UInt8 && w.ZeroPoint.DataType == UInt8 && Bytes(w.ZeroPoint).All(z => z == UnsignedZeroPoint)))
        {
            return Int8KernelForm.U8U8;
        }
        if (weights.All(w => w.Values.DataType == Int8 && w.ZeroPoint.DataType == Int8 && Bytes(w.ZeroPoint).All(z => z == 0)))
        {
            return Int8KernelForm.U8S8;
        }
        return null;
    }

    /// <summary>A copy of <paramref name="model"/> with its weights in <paramref name="form"/>
    /// (the model itself when they already are).</summary>
    /// <exception cref="InvalidDataException">The model has no symmetric 8-bit weights.</exception>
    public static ModelProto Rewrite(ModelProto model, Int8KernelForm form)
    {
        var stored = Stored(model) ?? throw new InvalidDataException("the model has no symmetric 8-bit weights (uint8 around 128 or int8 around 0) to rewrite");
        if (stored == form)
        {
            return model;
        }
        var copy = model.Clone();
        var type = form == Int8KernelForm.U8S8 ? Int8 : UInt8;
        foreach (var (values, zeroPoint) in Weights(copy))
        {
            // q - 128 and q + 128 in 8 bits are both the top bit flipped: the same bytes either way.
            values.RawData = FlipTopBit(Bytes(values));
            values.Int32Data.Clear();
            values.DataType = type;
            zeroPoint.RawData = FlipTopBit(Bytes(zeroPoint));
            zeroPoint.Int32Data.Clear();
            zeroPoint.DataType = type;
        }
        return copy;
    }

    /// <summary>The bytes of a serialized model in <paramref name="form"/>.</summary>
    public static byte[] Rewrite(byte[] model, Int8KernelForm form) =>
        Rewrite(ModelProto.Parser.ParseFrom(model), form).ToByteArray();

    private static List<(TensorProto Values, TensorProto ZeroPoint)> Weights(ModelProto model)
    {
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var weights = new List<(TensorProto, TensorProto)>();
        foreach (var node in model.Graph.Node.Where(n => n.OpType == "DequantizeLinear" && n.Input.Count == 3))
        {
            if (initializers.TryGetValue(node.Input[0], out var values) && values.DataType is UInt8 or Int8
                && initializers.TryGetValue(node.Input[2], out var zeroPoint))
            {
                weights.Add((values, zeroPoint));
            }
        }
        return weights;
    }

    /// <summary>An 8-bit tensor's values as bytes: raw data, or ONNX's int32_data (one value per int).</summary>
    private static byte[] Bytes(TensorProto tensor) =>
        tensor.RawData.Length > 0 ? tensor.RawData.ToByteArray() : [.. tensor.Int32Data.Select(v => unchecked((byte)v))];

    private static ByteString FlipTopBit(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= 0x80;
        }
        return ByteString.CopyFrom(bytes);
    }
}
