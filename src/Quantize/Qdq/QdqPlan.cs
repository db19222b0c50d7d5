namespace EdgeEmotion.Quantize.Qdq;

/// <summary>Which tensors of a float graph get a QuantizeLinear/DequantizeLinear pair, and with
/// which scale: calibrated ones (the input, and the outputs of <see cref="OutputQuantization.Calibrated"/>
/// ops) or the scale of another tensor (outputs of <see cref="OutputQuantization.SameAsInput"/> ops).
/// Tensors nothing reads (graph outputs only) get none: the caller reads them as float. Nor does
/// a graph output's own producer when only data movement lies between them (a detector's box
/// logits): the caller reads those values as they are, so its op runs float on quantized inputs
/// and weights.</summary>
public sealed class QdqPlan
{
    private readonly Dictionary<string, string> _scaleOf = [];

    private QdqPlan(string input) => Input = input;

    /// <summary>The graph's activation input (its one float input that is not a constant).</summary>
    public string Input { get; }

    /// <summary>Tensors whose ranges the calibration measures, in graph order, the input first.</summary>
    public List<string> Calibrated { get; } = [];

    /// <summary>The calibrated tensor whose scale <paramref name="tensor"/> takes, or null when it stays float.</summary>
    public string? ScaleSource(string tensor) => _scaleOf.GetValueOrDefault(tensor);

    public bool IsQuantized(string tensor) => _scaleOf.ContainsKey(tensor);

    public static QdqPlan For(ModelProto model)
    {
        var graph = model.Graph;
        var constants = graph.Initializer.Select(t => t.Name).ToHashSet();
        var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node);
        var plan = new QdqPlan(ActivationInput(graph, constants));
        var rawOutputs = RawOutputProducers(graph);
        plan.Calibrate(plan.Input);
        foreach (var node in graph.Node)
        {
            var rule = OperatorRules.Of(node.OpType);
            if (OperatorRules.IsWeighted(node.OpType) && !plan.IsQuantized(node.Input[0]))
            {
                throw new UserInputException($"{node.OpType} node '{node.Name}' reads '{node.Input[0]}', which stays float (it comes from {string.Join(", ", graph.Node.Where(n => n.Output.Contains(node.Input[0])).Select(n => n.OpType))}); the quantizer needs its input quantized.");
            }
            foreach (var output in node.Output.Where(o => consumers[o].Any() && !rawOutputs.Contains(o)))
            {
                switch (rule)
                {
                    // Conv → Relu alone: OnnxRuntime fuses the Relu into the integer Conv, which
                    // then needs only the Relu's scale.
                    case OutputQuantization.Calibrated when OperatorRules.IsWeighted(node.OpType) && consumers[output].Count() == 1 && consumers[output].Single().OpType == "Relu":
                        break;
                    case OutputQuantization.Calibrated:
                        plan.Calibrate(output);
                        break;
                    case OutputQuantization.SameAsInput when plan.ScaleSource(node.Input[0]) is { } source:
                        plan._scaleOf[output] = source;
                        break;
                }
            }
        }
        return plan;
    }

    /// <summary>For each graph output, the tensor it is made from through data movement alone.</summary>
    private static HashSet<string> RawOutputProducers(GraphProto graph)
    {
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        var raw = new HashSet<string>();
        foreach (var output in graph.Output)
        {
            var tensor = output.Name;
            while (producers.TryGetValue(tensor, out var node) && OperatorRules.Of(node.OpType) == OutputQuantization.SameAsInput)
            {
                tensor = node.Input[0];
            }
            raw.Add(tensor);
        }
        return raw;
    }

    private void Calibrate(string tensor)
    {
        Calibrated.Add(tensor);
        _scaleOf[tensor] = tensor;
    }

    private static string ActivationInput(GraphProto graph, HashSet<string> constants)
    {
        // Older exports list every weight as a graph input too; those are constants, not inputs.
        var inputs = graph.Input.Where(i => !constants.Contains(i.Name)).ToList();
        if (inputs.Count != 1 || inputs[0].Type?.TensorType?.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw new UserInputException($"The quantizer needs a graph with one float input besides its constants; this one has {inputs.Count}: {string.Join(", ", inputs.Select(i => $"'{i.Name}'"))}.");
        }
        return inputs[0].Name;
    }
}
