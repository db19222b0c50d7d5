using Google.Protobuf;
using Onnx;

namespace EdgeEmotion.OnnxGraph;

/// <summary>Builds an ONNX model node by node: initializers, nodes with attributes, typed
/// inputs and outputs (a leading "N" dimension is the batch). The exporter builds a new graph;
/// the quantizer adds to the graph it is rewriting.</summary>
public sealed class GraphBuilder(GraphProto graph)
{
    /// <summary>Opset 17 has every operator the exporter and the quantizer write, and every
    /// OnnxRuntime since 1.13 runs it.</summary>
    public const long Opset = 17;

    private readonly GraphProto _graph = graph;
    private readonly Dictionary<string, string> _metadata = [];
    private int _nextId;

    public GraphBuilder(string graphName)
        : this(new GraphProto { Name = graphName })
    {
    }

    /// <summary>A fresh value name with a readable prefix.</summary>
    public string NewName(string prefix) => $"{prefix}_{_nextId++}";

    public string AddFloat(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string AddUInt8(string name, ReadOnlySpan<byte> values, params long[] dims) =>
        AddRaw(name, TensorProto.Types.DataType.Uint8, values, dims);

    public string AddInt32(string name, ReadOnlySpan<int> values, params long[] dims) =>
        AddRaw(name, TensorProto.Types.DataType.Int32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), dims);

    public string AddInt64(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddRaw(name, TensorProto.Types.DataType.Int64, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), dims);

    private string AddRaw(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public NodeProto AddNode(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes) =>
        AddNode(opType, NewName(opType), inputs, outputs, attributes);

    public NodeProto AddNode(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Apply(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var output = NewName(opType.ToLowerInvariant());
        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    public void AddInput(string name, params object[] dims) => _graph.Input.Add(FloatValue(name, dims));

    public void AddOutput(string name, params object[] dims) => _graph.Output.Add(FloatValue(name, dims));

    public void SetMetadata(string key, string value) => _metadata[key] = value;

    public ModelProto Build(string producer, string docString = "")
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = producer,
            ProducerVersion = "1",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in _metadata)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model;
    }

    public static AttributeProto IntsAttribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static ValueInfoProto FloatValue(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
