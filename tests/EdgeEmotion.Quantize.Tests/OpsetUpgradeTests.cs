using EdgeEmotion.Quantize.Qdq;
using static EdgeEmotion.Quantize.Tests.SmallGraphs;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>Graphs exported at opset 11 (NanoDet's), whose DequantizeLinear has no per-channel
/// scales: raised to 13 before quantizing.</summary>
public class OpsetUpgradeTests
{
    private static ModelProto Opset11(Action<GraphBuilder, string> rest)
    {
        var model = Build(rest);
        model.OpsetImport.Single().Version = 11;
        model.IrVersion = 6;
        return model;
    }

    [Fact]
    public void Split_sizes_move_from_the_attribute_to_an_input_and_int8_agrees_with_float()
    {
        using var dir = new TempDirectory();
        var model = Opset11((g, conv) =>
        {
            g.AddNode("Split", [conv], ["a", "b"], GraphBuilder.IntAttribute("axis", 1), GraphBuilder.IntsAttribute("split", 1, Channels - 1));
            g.AddNode("Concat", ["b", "a"], ["y"], GraphBuilder.IntAttribute("axis", 1));
            g.AddOutput("y", 1, Channels, Side, Side);
        });
        var (int8, _) = ToInt8(dir, model);
        Assert.Equal(OpsetUpgrade.PerChannelOpset, int8.OpsetImport.Single().Version);
        Assert.True(int8.IrVersion >= 7);
        var split = int8.Graph.Node.Single(n => n.OpType == "Split");
        Assert.DoesNotContain(split.Attribute, a => a.Name == "split");
        var sizes = int8.Graph.Initializer.Single(t => t.Name == split.Input[1]);
        Assert.Equal([1L, Channels - 1], sizes.Int64Data);
        // Per-channel weight scales, which opset 11 could not hold.
        var weightDq = Producer(int8, int8.Graph.Node.Single(n => n.OpType == "Conv").Input[1]);
        Assert.Equal(0, weightDq.Attribute.Single(a => a.Name == "axis").I);
        var expected = Run(model)[0];
        var actual = Run(int8)[0];
        var range = expected.Max() - expected.Min();
        Assert.All(expected.Zip(actual), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 0.05 * range));
    }

    [Fact]
    public void Softmax_below_opset_13_is_refused_because_its_meaning_changed()
    {
        using var dir = new TempDirectory();
        var model = Opset11((g, conv) =>
        {
            g.AddNode("Softmax", [conv], ["y"], GraphBuilder.IntAttribute("axis", 1));
            g.AddOutput("y", 1, Channels, Side, Side);
        });
        var error = Assert.Throws<UserInputException>(() => ToInt8(dir, model));
        Assert.Contains("Softmax", error.Message, StringComparison.Ordinal);
        Assert.Contains("opset 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_already_at_13_or_later_is_left_as_it_is()
    {
        var model = Build((g, conv) => g.AddOutput(conv, 1, Channels, Side, Side));
        var before = model.Clone();
        OpsetUpgrade.To13(model);
        Assert.Equal(before, model);
    }
}
