using EdgeEmotion.Core;
using Onnx;

namespace EdgeEmotion.Quantize.Qdq;

/// <summary>Which tensors of a float graph get a QuantizeLinear/DequantizeLinear pair, and with
/// which scale: calibrated ones (the input, and the outputs of <see cref="OutputQuantization.Calibrated"/>
/// ops) or the scale of another tensor (outputs of <see cref="OutputQuantization.SameAsInput"/> ops).
/// Tensors nothing reads (graph outputs only) get none: the caller reads them as float.</summary>
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
        plan.Calibrate(plan.Input);
        foreach (var node in graph.Node)
        {
            var rule = OperatorRules.Of(node.OpType);
            if (OperatorRules.IsWeighted(node.OpType) && !plan.IsQuantized(node.Input[0]))
            {
                throw new UserInputException($"{node.OpType} node '{node.Name}' reads '{node.Input[0]}', which stays float (it comes from {string.Join(", ", graph.Node.Where(n => n.Output.Contains(node.Input[0])).Select(n => n.OpType))}); the quantizer needs its input quantized.");
            }
            foreach (var output in node.Output.Where(o => consumers[o].Any()))
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
