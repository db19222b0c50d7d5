using EdgeEmotion.Quantize.Evaluation;
using static EdgeEmotion.Quantize.Tests.SmallGraphs;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>One small graph per operator rule the person detector needed (OperatorRules): what
/// the quantizer writes around the operator, the integer kernel OnnxRuntime makes of it, and
/// that int8 still computes what float does.</summary>
public class OperatorRuleTests
{
    [Fact]
    public void LeakyRelu_gets_a_scale_of_its_own_and_runs_as_an_integer_kernel()
    {
        using var dir = new TempDirectory();
        var (int8, path) = ToInt8(dir, Build((g, conv) =>
        {
            var leaky = g.Apply("LeakyRelu", [conv], new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 0.1f });
            g.AddNode("Conv", [leaky, g.AddFloat("w2", new float[Channels * Channels], Channels, Channels, 1, 1)], ["y"]);
            g.AddOutput("y", 1, Channels, Side, Side);
        }));
        var leakyOutput = int8.Graph.Node.Single(n => n.OpType == "LeakyRelu").Output[0];
        Assert.NotNull(QuantizationOf(int8, leakyOutput));
        // The Conv before it keeps a scale of its own too: only a plain Relu fuses into the Conv.
        Assert.NotNull(QuantizationOf(int8, "c0_out"));
        Assert.Equal(1, OptimizedGraph.OperatorCounts(path).GetValueOrDefault("QLinearLeakyRelu"));
    }

    [Fact]
    public void Add_and_Concat_get_scales_of_their_own_and_run_as_integer_kernels()
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) =>
        {
            var other = Conv(g, conv, "c1");
            var sum = g.Apply("Add", [conv, other]);
            var joined = g.Apply("Concat", [sum, other], GraphBuilder.IntAttribute("axis", 1));
            g.AddNode("Conv", [joined, g.AddFloat("w2", Enumerable.Repeat(0.1f, Channels * 2 * Channels).ToArray(), Channels, 2 * Channels, 1, 1)], ["y"]);
            g.AddOutput("y", 1, Channels, Side, Side);
        });
        var (int8, path) = ToInt8(dir, model);
        Assert.NotNull(QuantizationOf(int8, int8.Graph.Node.Single(n => n.OpType == "Add").Output[0]));
        Assert.NotNull(QuantizationOf(int8, int8.Graph.Node.Single(n => n.OpType == "Concat").Output[0]));
        var counts = OptimizedGraph.OperatorCounts(path);
        Assert.Equal(1, counts.GetValueOrDefault("QLinearAdd"));
        Assert.Equal(1, counts.GetValueOrDefault("QLinearConcat"));
        AssertClose(Run(model), Run(int8));
    }

    [Theory]
    [InlineData("MaxPool")]
    [InlineData("Reshape")]
    [InlineData("Transpose")]
    [InlineData("Split")]
    [InlineData("Resize")]
    public void Data_movement_keeps_its_input_scale_so_it_runs_on_uint8(string op)
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) =>
        {
            var moved = op switch
            {
                "MaxPool" => [g.Apply("MaxPool", [conv], GraphBuilder.IntsAttribute("kernel_shape", 3, 3), GraphBuilder.IntsAttribute("pads", 1, 1, 1, 1))],
                "Reshape" => [g.Apply("Reshape", [conv, Int64(g, "shape", 1, Channels, Side * Side, 1)])],
                "Transpose" => [g.Apply("Transpose", [conv], GraphBuilder.IntsAttribute("perm", 0, 1, 3, 2))],
                "Split" => Split(g, conv),
                "Resize" => [g.Apply("Resize", [conv, "", g.AddFloat("scales", [1, 1, 2, 2], 4)], Text("mode", "nearest"))],
                _ => throw new ArgumentOutOfRangeException(nameof(op)),
            };
            for (var i = 0; i < moved.Length; i++)
            {
                g.AddNode("Conv", [moved[i], g.AddFloat($"w{i}", Enumerable.Repeat(0.2f, Channels * Channels).ToArray(), Channels, Channels, 1, 1)], [$"y{i}"]);
                g.AddOutput($"y{i}", "N", Channels, "H", "W");
            }
        });
        var (int8, path) = ToInt8(dir, model);
        var node = int8.Graph.Node.Single(n => n.OpType == op);
        var input = QuantizationOf(int8, "c0_out");
        Assert.NotNull(input);
        Assert.All(node.Output, o => Assert.Equal(input, QuantizationOf(int8, o)));
        // OnnxRuntime drops the DequantizeLinear/QuantizeLinear pairs around it: one QuantizeLinear
        // (the graph's input) and the last convolutions' dequantized outputs are all that remain.
        var counts = OptimizedGraph.OperatorCounts(path);
        Assert.Equal(1, counts.GetValueOrDefault("QuantizeLinear"));
        AssertClose(Run(model), Run(int8));
    }

    [Fact]
    public void Sigmoid_stays_float_and_so_does_what_follows_it()
    {
        using var dir = new TempDirectory();
        var (int8, _) = ToInt8(dir, Build((g, conv) =>
        {
            var other = Conv(g, conv, "c1");
            var sigmoid = g.Apply("Sigmoid", [other]);
            g.AddNode("Reshape", [sigmoid, Int64(g, "shape", 1, -1)], ["scores"]);
            g.AddOutput("scores", 1, Channels * Side * Side);
        }));
        var sigmoid = int8.Graph.Node.Single(n => n.OpType == "Sigmoid");
        Assert.Equal("DequantizeLinear", Producer(int8, sigmoid.Input[0]).OpType);
        Assert.Null(QuantizationOf(int8, sigmoid.Output[0]));
        Assert.Equal(sigmoid.Output[0], Consumer(int8, sigmoid.Output[0], "Reshape").Input[0]);
    }

    [Fact]
    public void A_graph_output_made_by_data_movement_alone_keeps_its_producer_float()
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) =>
        {
            var head = Conv(g, conv, "head");
            var moved = g.Apply("Transpose", [head], GraphBuilder.IntsAttribute("perm", 0, 2, 3, 1));
            g.AddNode("Reshape", [moved, Int64(g, "shape", 1, -1, Channels)], ["boxes"]);
            g.AddOutput("boxes", 1, Side * Side, Channels);
        });
        var (int8, path) = ToInt8(dir, model);
        // The caller reads the box logits themselves: no 8-bit rounding after the last Conv.
        Assert.Null(QuantizationOf(int8, "head_out"));
        Assert.Equal(1, OptimizedGraph.OperatorCounts(path).GetValueOrDefault("QLinearConv"));
        var floatBoxes = Run(model)[0];
        var int8Boxes = Run(int8)[0];
        Assert.Equal(floatBoxes.Length, int8Boxes.Length);
        AssertClose([floatBoxes], [int8Boxes]);
    }

    [Fact]
    public void Weights_listed_as_graph_inputs_are_constants_and_leave_one_input()
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) => g.AddOutput(Conv(g, conv, "c1"), 1, Channels, Side, Side));
        // As older exports write them (NanoDet's lists its 158 weights as inputs).
        foreach (var weight in model.Graph.Initializer)
        {
            var shape = new TensorShapeProto();
            shape.Dim.Add(weight.Dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = weight.DataType, Shape = shape } };
            model.Graph.Input.Add(new ValueInfoProto { Name = weight.Name, Type = type });
        }
        var (int8, _) = ToInt8(dir, model);
        Assert.Equal("x", Assert.Single(int8.Graph.Input).Name);
    }

    [Fact]
    public void A_graph_with_two_activation_inputs_is_refused_naming_them()
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) =>
        {
            g.AddInput("second", 1, Channels, Side, Side);
            g.AddNode("Add", [conv, "second"], ["y"]);
            g.AddOutput("y", 1, Channels, Side, Side);
        });
        var error = Assert.Throws<UserInputException>(() => ToInt8(dir, model));
        Assert.Contains("'x', 'second'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_convolution_reading_a_float_tensor_is_refused_naming_it()
    {
        using var dir = new TempDirectory();
        var model = Build((g, conv) =>
        {
            var sigmoid = g.Apply("Sigmoid", [conv]);
            g.AddOutput(Conv(g, sigmoid, "after"), 1, Channels, Side, Side);
        });
        var error = Assert.Throws<UserInputException>(() => ToInt8(dir, model));
        Assert.Contains("node 'after'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sigmoid", error.Message, StringComparison.Ordinal);
    }

    private static string[] Split(GraphBuilder g, string input)
    {
        var halves = new[] { g.NewName("half"), g.NewName("half") };
        g.AddNode("Split", [input, Int64(g, "sizes", Channels / 2, Channels / 2)], halves, GraphBuilder.IntAttribute("axis", 1));
        // Each half back to four channels, so that the same 1x1 convolution reads either.
        return [.. halves.Select(h => g.Apply("Concat", [h, h], GraphBuilder.IntAttribute("axis", 1)))];
    }

    internal static string Int64(GraphBuilder g, string name, params long[] values) => g.AddInt64(g.NewName(name), values, values.Length);

    private static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(value) };

    /// <summary>Int8 within a few percent of float's range, output by output.</summary>
    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var o = 0; o < expected.Length; o++)
        {
            var range = expected[o].Max() - expected[o].Min();
            var worst = expected[o].Zip(actual[o], (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 0.05 * range, $"output {o}: largest difference {worst} against a range of {range}");
        }
    }
}
